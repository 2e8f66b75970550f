using System;
using System.Text;
using DoorController.Link;
using DoorController.Link.Time;
using DoorController.Tests.Link.Fakes;
using DoorController.Tests.Support;

namespace DoorController.Tests.Link
{
    /// <summary>A link controller over fakes: recording transport, manual clock, in-memory flash and journal.</summary>
    public sealed class LinkHarness
    {
        public readonly ManualClock Clock = new ManualClock();
        public readonly MemoryFileStore Files = new MemoryFileStore();
        public readonly RecordingTransport Transport = new RecordingTransport();
        public readonly ListEventSource Journal = new ListEventSource();
        public readonly FixedDecider Local = new FixedDecider();
        public readonly AppendingCacheStore Cache = new AppendingCacheStore();
        public readonly RecordingCommandHandler Commands = new RecordingCommandHandler();
        public readonly LinkOptions Options = new LinkOptions();
        public SiteClock Site;
        public LinkController Link;

        public LinkHarness()
        {
            Options.DeviceId = "door-12";
        }

        public LinkHarness Start()
        {
            Site = new SiteClock(Clock, Files);
            Link = new LinkController(Options, Transport, Clock, Site, Files, BundleTestKit.Key, Local, Journal, Cache, Commands, Commands, new Random(5));
            Link.Start();
            Link.Tick();
            return this;
        }

        public void Tick(int times)
        {
            for (int i = 0; i < times; i++)
            {
                Link.Tick();
            }
        }

        public void Advance(long milliseconds)
        {
            Clock.Advance(milliseconds);
            Link.Tick();
        }

        public static byte[] Utf8(string text)
        {
            return Encoding.UTF8.GetBytes(text);
        }
    }
}

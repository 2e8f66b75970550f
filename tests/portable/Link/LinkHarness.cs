using System;
using System.Text;
using DoorController.Contract;
using DoorController.Link;
using DoorController.Link.Time;
using DoorController.Tests.Link.Fakes;
using DoorController.Tests.Support;

namespace DoorController.Tests.Link
{
    /// <summary>
    /// A link controller over fakes: recording transport, manual clock, in-memory flash and journal; plus the
    /// server's side of the wire (its own copy of this controller's keys) to send signed messages and read the
    /// controller's signed ones.
    /// </summary>
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
        public readonly WireKeys ServerKeys = new WireKeys(BundleTestKit.Key, new LinkTopics("door-12"));
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

        /// <summary>A decision for an NFC credential at door 1, reader 2.</summary>
        public static DecisionQuery Query()
        {
            DecisionQuery q = new DecisionQuery();
            q.Door = 1;
            q.Reader = 2;
            q.CredentialKind = "nfc";
            q.CredentialHash = "00112233445566778899aabbccddeeff";
            return q;
        }

        /// <summary>The server sends <paramref name="json"/> on <paramref name="topic"/>, sealed with the right key.</summary>
        public void DeliverSigned(string topic, string json)
        {
            Transport.Deliver(topic, ServerKeys.Seal(topic, Utf8(json)));
        }

        /// <summary>The last decision request, verified as the server would.</summary>
        public DecisionRequest LastRequest()
        {
            PublishedMessage m = Transport.Last(Link.Topics.DecisionRequest);
            string error;
            DecisionRequest r;
            if (m == null || !ServerKeys.Verify(m.Topic, m.Payload, out error) || !DecisionRequest.TryParse(m.Payload, out r, out error))
            {
                throw new InvalidOperationException("no valid decision request");
            }
            return r;
        }

        /// <summary>The server answers the last decision request (request id and nonce echoed).</summary>
        public void Answer(bool granted, string reason)
        {
            DecisionRequest r = LastRequest();
            DeliverSigned(Link.Topics.DecisionResponse, "{\"v\":1,\"request-id\":\"" + r.RequestId + "\",\"nonce\":" + r.Nonce
                + ",\"granted\":" + (granted ? "true" : "false") + ",\"reason\":\"" + reason + "\",\"unlock-ms\":" + (granted ? 5000 : 0) + "}");
        }

        /// <summary>The server acknowledges every event up to <paramref name="sequence"/>, naming the MAC of the copy it received last.</summary>
        public void Ack(long sequence)
        {
            PublishedMessage[] events = Transport.On(Link.Topics.Events);
            string prefix = "{\"v\":1,\"seq\":" + sequence + ",";
            for (int i = events.Length - 1; i >= 0; i--)
            {
                if (events[i].Text.StartsWith(prefix))
                {
                    DeliverSigned(Link.Topics.EventsAck, "{\"v\":1,\"upto\":" + sequence + ",\"event-mac\":\"" + WireMac.TagHex(events[i].Payload) + "\"}");
                    return;
                }
            }
            throw new InvalidOperationException("event " + sequence + " was never sent");
        }

        /// <summary>The server answers the last clock request with <paramref name="utcMilliseconds"/>.</summary>
        public void AnswerClock(long utcMilliseconds)
        {
            PublishedMessage m = Transport.Last(Link.Topics.ClockRequest);
            string error;
            ClockRequest q;
            if (m == null || !ServerKeys.Verify(m.Topic, m.Payload, out error) || !ClockRequest.TryParse(m.Payload, out q, out error))
            {
                throw new InvalidOperationException("no valid clock request");
            }
            DeliverSigned(Link.Topics.Clock, "{\"v\":1,\"nonce\":" + q.Nonce + ",\"utc-ms\":" + utcMilliseconds + "}");
        }
    }
}

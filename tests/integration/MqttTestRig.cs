using System.Diagnostics;
using DoorController.Hal.Host;
using DoorController.Hal.Host.Mqtt;
using DoorController.Integration.Support;
using DoorController.Link;
using DoorController.Link.Bundles;
using DoorController.Link.Messages;
using DoorController.Link.Time;
using Xunit;

namespace DoorController.Integration;

/// <summary>
/// One controller's link over a real mosquitto (plain or TLS) with the libmosquitto transport, files in a temp
/// directory, the host clock, and simple stand-ins for the journal, the access layer and the doors; plus a
/// <see cref="MqttFakeServer"/>. The test thread ticks both until a condition holds.
/// </summary>
public sealed class MqttTestRig : IDisposable
{
    public const string DeviceId = "door-it-1";
    public static readonly byte[] DeviceKey = "integration-device-key-0001"u8.ToArray();

    public MqttTestRig(bool tls)
    {
        Broker = MosquittoBroker.Start(tls);
        Directory = Path.Combine(Path.GetTempPath(), "doorctl-link-" + Guid.NewGuid().ToString("N").Substring(0, 10));
        Files = new DirectoryFileStore(Directory);
        int port = tls ? Broker.TlsPort : Broker.Port;
        Transport = new MosquittoTransport(Broker.Host, port, Broker.CaFile, keepAliveSeconds: 5);
        Options = new LinkOptions
        {
            DeviceId = DeviceId,
            BackoffBaseMilliseconds = 100,
            BackoffMaxMilliseconds = 1000,
            InboxCapacity = 1024,
        };
        Server = new MqttFakeServer(Broker.Host, port, Broker.CaFile, DeviceId);
        Assert.True(Server.Connect(), "test server could not connect");
    }

    public MosquittoBroker Broker { get; }
    public string Directory { get; }
    public DirectoryFileStore Files { get; }
    public MosquittoTransport Transport { get; }
    public LinkOptions Options { get; }
    public MqttFakeServer Server { get; }
    public HostConsoleClock Clock { get; } = new();
    public SiteClock Site { get; private set; } = null!;
    public LinkController Link { get; private set; } = null!;
    public RigJournal Journal { get; } = new();
    public RigAccess Access { get; } = new();
    public LinkTopics Topics => Link.Topics;

    public MqttTestRig Start()
    {
        Site = new SiteClock(Clock, Files);
        Link = new LinkController(Options, Transport, Clock, Site, Files, DeviceKey, Access, Journal, Access, Access, Access, new Random(7));
        Link.Start();
        TickUntil(() => Link.IsOnline, 5000, "link online");
        return this;
    }

    /// <summary>Ticks link and server every 2 ms until <paramref name="condition"/> holds; fails after the timeout.</summary>
    public void TickUntil(Func<bool> condition, int timeoutMilliseconds, string what)
    {
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            if (watch.ElapsedMilliseconds > timeoutMilliseconds)
                throw new Xunit.Sdk.XunitException("timed out after " + timeoutMilliseconds + " ms waiting for " + what + "; broker log: " + Broker.LogText);
            Link.Tick();
            Server.Pump();
            Thread.Sleep(2);
        }
    }

    /// <summary>Ticks for a fixed time (to let things that should NOT happen have their chance).</summary>
    public void TickFor(int milliseconds)
    {
        var watch = Stopwatch.StartNew();
        while (watch.ElapsedMilliseconds < milliseconds)
        {
            Link.Tick();
            Server.Pump();
            Thread.Sleep(2);
        }
    }

    public LinkDecision Decide(out long elapsedMilliseconds)
    {
        var ticket = Link.BeginDecision(new DecisionQuery { Door = 1, Reader = 1, CredentialKind = "nfc", CredentialHash = "0011223344556677" });
        var watch = Stopwatch.StartNew();
        while (!ticket.IsDone)
        {
            Link.Tick();
            Server.Pump();
            Thread.Sleep(1);
        }
        elapsedMilliseconds = watch.ElapsedMilliseconds;
        return ticket.Result;
    }

    public void SendChunks(IEnumerable<byte[]> chunks)
    {
        foreach (var chunk in chunks) Assert.True(Server.Publish(Topics.SyncChunk, chunk));
    }

    public void Dispose()
    {
        try { Link?.Stop(); } catch (Exception) { }
        Transport.Dispose();
        Server.Dispose();
        Broker.Dispose();
        try { System.IO.Directory.Delete(Directory, true); } catch (IOException) { }
    }

    /// <summary>Journal stand-in: sequence-numbered JSON events, trimmed by acks.</summary>
    public sealed class RigJournal : IEventSource
    {
        private readonly SortedDictionary<long, string> _events = new();
        private long _next = 1;

        public int Depth => _events.Count;

        public long Append(string json)
        {
            long seq = _next++;
            _events[seq] = json;
            return seq;
        }

        public bool TryRead(long afterSequence, out long sequence, out string eventJson)
        {
            foreach (var pair in _events)
            {
                if (pair.Key > afterSequence)
                {
                    sequence = pair.Key;
                    eventJson = pair.Value;
                    return true;
                }
            }
            sequence = 0;
            eventJson = null!;
            return false;
        }

        public void Acknowledge(long upToSequence)
        {
            foreach (long key in _events.Keys.Where(k => k <= upToSequence).ToList()) _events.Remove(key);
        }
    }

    /// <summary>Access-layer and door stand-in: local decisions, store reloads, delta merge by appending, commands.</summary>
    public sealed class RigAccess : ILocalDecider, ICacheStore, ICommandHandler, INotificationSink
    {
        public int LocalDecisions;
        public int Reloads;
        public List<string> Executed { get; } = new();
        public List<string> Shown { get; } = new();
        public string Mode { get; private set; } = "normal";

        public LinkDecision DecideLocally(DecisionQuery query)
        {
            LocalDecisions++;
            return new LinkDecision(true, "local-grant", 3000);
        }

        public void StoreReplaced(BundleInfo installed) => Reloads++;

        public bool MergeDelta(Stream installedBody, int installedLength, Stream delta, int deltaLength, byte contentType, Stream output)
        {
            CopyExactly(installedBody, installedLength, output);
            CopyExactly(delta, deltaLength, output);
            return true;
        }

        public bool Execute(CommandMessage command, out string error)
        {
            Executed.Add(command.Command);
            if (command.Command == "lockdown") Mode = "lockdown";
            if (command.Command == "release") Mode = "released";
            error = null!;
            return true;
        }

        public void Show(Notification notification) => Shown.Add(notification.Text);

        private static void CopyExactly(Stream from, int length, Stream to)
        {
            var buffer = new byte[4096];
            while (length > 0)
            {
                int n = from.Read(buffer, 0, Math.Min(buffer.Length, length));
                if (n <= 0) return;
                to.Write(buffer, 0, n);
                length -= n;
            }
        }
    }
}

using System.Diagnostics;
using DoorController.Hal.Host;
using DoorController.Hal.Host.Mqtt;
using DoorController.LocalBroker;
using DoorController.Link;
using DoorController.Link.Bundles;
using DoorController.Contract;
using DoorController.Link.Time;
using Xunit;

namespace DoorController.Integration;

/// <summary>
/// One controller's link over a real mosquitto (dynamic security; TLS, or an authenticated plaintext listener) with
/// the libmosquitto transport and the controller's own broker identity, files in a temp directory, the host clock,
/// and simple stand-ins for the journal, the access layer and the doors; plus a <see cref="MqttFakeServer"/> on the
/// server's identity. The test thread ticks both until a condition holds.
/// </summary>
public sealed class MqttTestRig : IDisposable
{
    public const string DeviceId = "door-it-1";
    public static readonly byte[] DeviceKey = "integration-device-key-0001"u8.ToArray();

    public MqttTestRig(bool tls, bool viaProxy = false)
    {
        Broker = MosquittoBroker.Start(new BrokerOptions { Tls = tls });
        Directory = Path.Combine(Path.GetTempPath(), "doorctl-link-" + Guid.NewGuid().ToString("N").Substring(0, 10));
        Files = new DirectoryFileStore(Directory);
        Proxy = viaProxy ? new MqttTcpProxy(Broker.Port) : null;
        BrokerEndpoint endpoint = Broker.Endpoint(Broker.RegisterController(DeviceId));
        if (Proxy != null) endpoint.Port = Proxy.Port;
        Transport = new MosquittoTransport(endpoint, keepAliveSeconds: 5);
        Options = new LinkOptions
        {
            DeviceId = DeviceId,
            BackoffBaseMilliseconds = 100,
            BackoffMaxMilliseconds = 1000,
            AckTimeoutMilliseconds = 1000,
            InboxCapacity = 1024,
        };
        Server = new MqttFakeServer(Broker, Broker.ServerLogin, DeviceId, DeviceKey);
        Assert.True(Server.Connect(), "test server could not connect");
    }

    public MosquittoBroker Broker { get; }

    /// <summary>TCP relay the controller connects through (null unless built with viaProxy).</summary>
    public MqttTcpProxy? Proxy { get; }
    public string Directory { get; }
    public DirectoryFileStore Files { get; }
    public MosquittoTransport Transport { get; }
    public LinkOptions Options { get; }
    public MqttFakeServer Server { get; }
    public HostConsoleClock Clock { get; } = new();
    public SiteClock Site { get; private set; } = null!;
    public LinkController Link { get; private set; } = null!;
    public MqttRigJournal Journal { get; } = new();
    public MqttRigAccess Access { get; } = new();
    public LinkTopics Topics => Link.Topics;

    public MqttTestRig Start()
    {
        Site = new SiteClock(Clock, Files);
        Link = new LinkController(Options, Transport, Clock, Site, Files, DeviceKey, Access, Journal, Access, Access, Access, new Random(7));
        Link.Start();
        TickUntil(() => Link.IsOnline, 5000, "link online");
        // The controller publishes its sync request after subscribing, on the same connection: once the server has
        // it, the broker has the subscriptions too, so what the test sends next cannot be lost.
        TickUntil(() => Server.TextsOn(Topics.SyncRequest).Count > 0, 5000, "first sync request");
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
        Proxy?.Dispose();
        Broker.Dispose();
        try { System.IO.Directory.Delete(Directory, true); } catch (IOException) { }
    }
}

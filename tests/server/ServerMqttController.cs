using System.Collections.Concurrent;
using System.Text;
using DoorController.Hal;
using DoorController.Hal.Host.Mqtt;
using DoorController.Contract;
using DoorController.LocalBroker;
using DoorController.Server.Services;
using DoorController.TestSupport;
using Xunit;

namespace DoorController.ServerTests;

/// <summary>
/// A controller's side of the protocol for server tests: the firmware's own message classes, topics and message
/// keys (firmware/Contract) over the host libmosquitto transport, connected with the broker identity the server
/// created at registration, with what the server sends collected per topic. Everything it publishes is sealed with
/// the controller's keys and takes a fresh nonce (above any earlier instance's: they start from the wall clock);
/// what it reads is verified as the controller would.
/// </summary>
public sealed class ServerMqttController : IMqttMessageListener, IDisposable
{
    private readonly MosquittoTransport _transport;
    private readonly ConcurrentDictionary<string, BlockingCollection<byte[]>> _inbox = new();
    private static long _nonce = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() << 8;

    public ServerMqttController(MosquittoBroker broker, DeviceRegistration device) : this(broker, device.Id, device.Key, device.Broker!)
    {
    }

    public ServerMqttController(MosquittoBroker broker, string deviceId, string deviceKeyHex, BrokerLogin login)
    {
        Topics = new LinkTopics(deviceId);
        Keys = new WireKeys(Convert.FromHexString(deviceKeyHex), Topics);
        _transport = new MosquittoTransport(broker.Endpoint(login));
        if (!_transport.Connect(login.ClientId, null, null, this)) throw new InvalidOperationException("connect: " + _transport.LastError);
        foreach (string t in Topics.Subscriptions()) Assert.True(_transport.Subscribe(t, 1), _transport.LastError);
    }

    public LinkTopics Topics { get; }
    public WireKeys Keys { get; }

    public static long NextNonce() => Interlocked.Increment(ref _nonce);

    /// <summary>Seals and publishes as the controller does.</summary>
    public bool Send(string topic, byte[] json, int qos) => _transport.Publish(topic, Keys.Seal(topic, json), qos, false);

    /// <summary>Publishes raw bytes (what an attacker on the broker can do).</summary>
    public bool SendRaw(string topic, byte[] payload, int qos) => _transport.Publish(topic, payload, qos, false);

    /// <summary>True when nothing at all arrives on <paramref name="topic"/> within <paramref name="wait"/>.</summary>
    public bool Silent(string topic, TimeSpan wait) => !Box(topic).TryTake(out _, wait);

    /// <summary>The next message the server sent on <paramref name="topic"/>, verified; null after the timeout.</summary>
    public byte[]? Next(string topic, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < until)
        {
            if (Box(topic).TryTake(out byte[]? payload, 100))
            {
                Assert.True(Keys.Verify(topic, payload, out string error), "the server's message on " + topic + " did not verify: " + error);
                return payload;
            }
        }
        return null;
    }

    public void OnMessage(string topic, byte[] payload) => Box(topic).Add(payload);

    public void OnConnectionLost() { }

    private BlockingCollection<byte[]> Box(string topic) => _inbox.GetOrAdd(topic, _ => new BlockingCollection<byte[]>());

    public DecisionResponse Decide(int reader, string kind, string hashHex, long atUnix, TimeSpan? timeout = null)
    {
        long nonce = NextNonce();
        var request = new DecisionRequest { RequestId = "q-" + nonce, Nonce = nonce, Door = 0, Reader = reader, CredentialKind = kind, CredentialHash = hashHex, At = atUnix };
        Assert.True(Send(Topics.DecisionRequest, request.ToJson(), 0));
        return AwaitResponse(request, timeout ?? TimeSpan.FromSeconds(10)) ?? throw new TimeoutException("no decision response for " + request.RequestId);
    }

    /// <summary>The server's answer to <paramref name="request"/> (request id and nonce checked), or null.</summary>
    public DecisionResponse? AwaitResponse(DecisionRequest request, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < until)
        {
            byte[]? payload = Next(Topics.DecisionResponse, until - DateTime.UtcNow);
            if (payload != null && DecisionResponse.TryParse(payload, out DecisionResponse response, out _) && response.RequestId == request.RequestId)
            {
                Assert.Equal(request.Nonce, response.Nonce);
                return response;
            }
        }
        return null;
    }

    /// <summary>Publishes a sealed decision request with a fresh nonce without waiting; returns its request id
    /// (answers: <see cref="TakeResponse"/>).</summary>
    public string SendDecision(int reader, string kind, string hashHex, long atUnix)
    {
        long nonce = NextNonce();
        var request = new DecisionRequest { RequestId = "q-" + nonce, Nonce = nonce, Door = 0, Reader = reader, CredentialKind = kind, CredentialHash = hashHex, At = atUnix };
        Assert.True(Send(Topics.DecisionRequest, request.ToJson(), 0), _transport.LastError);
        return request.RequestId;
    }

    /// <summary>The next decision response within the timeout, verified, or null.</summary>
    public DecisionResponse? TakeResponse(TimeSpan timeout) =>
        Next(Topics.DecisionResponse, timeout) is byte[] payload && DecisionResponse.TryParse(payload, out DecisionResponse response, out _) ? response : null;

    /// <summary>Publishes one journal event, sealed; returns its MAC (what the ack must name).</summary>
    public string PublishEvent(long sequence, string eventJson, long previous = 0, long acknowledged = 0)
    {
        byte[] payload = Keys.Seal(Topics.Events, new EventMessage { Sequence = sequence, Previous = previous, Acknowledged = acknowledged, EventJson = eventJson }.ToJson());
        Assert.True(SendRaw(Topics.Events, payload, 1));
        return WireMac.TagHex(payload);
    }

    /// <summary>The highest cumulative ack received within the timeout (or -1).</summary>
    public long WaitAck(long atLeast, TimeSpan timeout)
    {
        long best = -1;
        var until = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < until && best < atLeast)
        {
            byte[]? payload = Next(Topics.EventsAck, TimeSpan.FromMilliseconds(100));
            if (payload != null && EventAck.TryParse(payload, out EventAck ack, out _)) best = Math.Max(best, ack.UpTo);
        }
        return best;
    }

    /// <summary>Asks for the cache (sealed sync request with the version it holds and its board's flash size).</summary>
    public bool RequestSync(long have, int flashMegabytes = 4) =>
        Send(Topics.SyncRequest, new SyncRequest { Nonce = NextNonce(), Have = have, Reason = "test", FlashMegabytes = flashMegabytes }.ToJson(), 1);

    public byte[]? NextChunk(TimeSpan timeout) => Box(Topics.SyncChunk).TryTake(out byte[]? p, timeout) ? p : null;

    public int ChunksWaiting => Box(Topics.SyncChunk).Count;

    public byte[]? NextCommand(TimeSpan timeout) => Box(Topics.Command).TryTake(out byte[]? p, timeout) ? p : null;

    /// <summary>The next remote command, which must arrive within 5 s and parse.</summary>
    public CommandMessage TakeCommand()
    {
        byte[]? payload = NextCommand(TimeSpan.FromSeconds(5));
        Assert.NotNull(payload);
        Assert.True(CommandMessage.TryParse(payload!, out CommandMessage command, out string error), error);
        return command;
    }

    /// <summary>The next door-terminal notification (dev/&lt;id&gt;/notify), or null.</summary>
    public byte[]? NextNotify(TimeSpan timeout) => Box(Topics.Notify).TryTake(out byte[]? p, timeout) ? p : null;

    /// <summary>An access decision event as the firmware renders it (<see cref="FirmwareEvents"/>).</summary>
    public static string AccessEventJson(long id, long utcMs, bool allowed, string direction, int user, int reader, string method, string hash, bool offline,
        string requestId = "")
    {
        Assert.True(DoorController.Core.Hex.TryDecode(hash, out byte[] hashBytes));
        return FirmwareEvents.Access(id, utcMs, allowed, WireNames.ParseDirection(direction), user, reader, WireNames.ParseMethod(method), hashBytes, offline, requestId);
    }

    public void Dispose() => _transport.Dispose();
}

using System.Collections.Concurrent;
using System.Text;
using DoorController.Hal;
using DoorController.Hal.Host.Mqtt;
using DoorController.Contract;
using DoorController.LocalBroker;
using DoorController.Server.Services;
using Xunit;

namespace DoorController.ServerTests;

/// <summary>
/// A controller's side of the protocol for server tests: the firmware's own message classes and topics
/// (firmware/Link) over the host libmosquitto transport, connected with the broker identity the server created at
/// registration, with what the server sends collected per topic.
/// </summary>
public sealed class ServerMqttController : IMqttMessageListener, IDisposable
{
    private readonly MosquittoTransport _transport;
    private readonly ConcurrentDictionary<string, BlockingCollection<byte[]>> _inbox = new();

    public ServerMqttController(MosquittoBroker broker, DeviceRegistration device) : this(broker, device.Id, device.Broker!)
    {
    }

    public ServerMqttController(MosquittoBroker broker, string deviceId, BrokerLogin login)
    {
        Topics = new LinkTopics(deviceId);
        _transport = new MosquittoTransport(broker.Endpoint(login));
        if (!_transport.Connect(login.ClientId, null, null, this)) throw new InvalidOperationException("connect: " + _transport.LastError);
        foreach (string t in Topics.Subscriptions()) Assert.True(_transport.Subscribe(t, 1), _transport.LastError);
    }

    public LinkTopics Topics { get; }

    public void OnMessage(string topic, byte[] payload) => Box(topic).Add(payload);

    public void OnConnectionLost() { }

    private BlockingCollection<byte[]> Box(string topic) => _inbox.GetOrAdd(topic, _ => new BlockingCollection<byte[]>());

    public DecisionResponse Decide(int reader, string kind, string hashHex, long atUnix, TimeSpan? timeout = null)
    {
        var request = new DecisionRequest { RequestId = Guid.NewGuid().ToString("N")[..12], Door = 0, Reader = reader, CredentialKind = kind, CredentialHash = hashHex, At = atUnix };
        Assert.True(_transport.Publish(Topics.DecisionRequest, request.ToJson(), 0, false));
        var until = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (DateTime.UtcNow < until)
        {
            if (Box(Topics.DecisionResponse).TryTake(out byte[]? payload, 200)
                && DecisionResponse.TryParse(payload, out DecisionResponse response, out _) && response.RequestId == request.RequestId)
            {
                return response;
            }
        }
        throw new TimeoutException("no decision response for " + request.RequestId);
    }

    public bool PublishEvent(long sequence, string eventJson)
    {
        var message = new EventMessage { Sequence = sequence, EventJson = eventJson };
        return _transport.Publish(Topics.Events, message.ToJson(), 1, false);
    }

    /// <summary>The highest cumulative ack received within the timeout (or -1).</summary>
    public long WaitAck(long atLeast, TimeSpan timeout)
    {
        long best = -1;
        var until = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < until && best < atLeast)
        {
            if (Box(Topics.EventsAck).TryTake(out byte[]? payload, 100) && EventAck.TryParse(payload, out EventAck ack, out _)) best = Math.Max(best, ack.UpTo);
        }
        return best;
    }

    public byte[]? NextCommand(TimeSpan timeout) => Box(Topics.Command).TryTake(out byte[]? p, timeout) ? p : null;

    /// <summary>The next door-terminal notification (dev/&lt;id&gt;/notify), or null.</summary>
    public byte[]? NextNotify(TimeSpan timeout) => Box(Topics.Notify).TryTake(out byte[]? p, timeout) ? p : null;

    public static string AccessEventJson(long id, long utcMs, bool allowed, string direction, int user, int reader, string method, string hash, bool offline)
    {
        var sb = new StringBuilder();
        sb.Append("{\"id\":").Append(id).Append(",\"type\":\"access_decision\",\"utc-ms\":").Append(utcMs)
          .Append(",\"uptime-ms\":1000,\"clock-uncertain\":false,\"mode\":\"").Append(offline ? "offline" : "online")
          .Append("\",\"allowed\":").Append(allowed ? "true" : "false").Append(",\"reason\":\"").Append(allowed ? "granted" : "no-permission")
          .Append("\",\"reason-code\":0,\"direction\":\"").Append(direction).Append("\",\"fraud\":false,\"pending-retro\":").Append(offline ? "true" : "false")
          .Append(",\"user\":\"").Append(user).Append("\",\"reader\":\"").Append(reader).Append("\",\"method\":\"").Append(method)
          .Append("\",\"credential-hash\":\"").Append(hash).Append("\"}");
        return sb.ToString();
    }

    public void Dispose() => _transport.Dispose();
}

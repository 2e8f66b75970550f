using System.Collections.Concurrent;
using System.Text;
using DoorController.Hal;
using DoorController.Hal.Host.Mqtt;
using DoorController.Link;
using DoorController.Contract;
using DoorController.LocalBroker;

namespace DoorController.Integration;

/// <summary>
/// The test's stand-in for the management server (the real one is tools/ManagementServer): a second libmosquitto client
/// with a server identity (role doorctl-server) that records everything the controller publishes and, when pumped,
/// answers decisions and acknowledges events. Answers are sent from <see cref="Pump"/> on the test thread, never from
/// the network callback.
/// </summary>
public sealed class MqttFakeServer : IMqttMessageListener, IDisposable
{
    private readonly ConcurrentQueue<InboundMessage> _inbox = new();
    private readonly MosquittoTransport _transport;
    private readonly LinkTopics _topics;
    private readonly string _clientId;

    public MqttFakeServer(MosquittoBroker broker, BrokerLogin login, string deviceId)
    {
        _topics = new LinkTopics(deviceId);
        _clientId = login.ClientId;
        _transport = new MosquittoTransport(broker.Endpoint(login));
    }

    public bool AnswerDecisions { get; set; } = true;
    public bool GrantDecisions { get; set; } = true;
    public bool AckEvents { get; set; } = true;

    /// <summary>Every message received, in arrival order (topic, payload).</summary>
    public List<InboundMessage> Received { get; } = new();

    /// <summary>Event sequence numbers in the order they arrived (with duplicates, if any were resent).</summary>
    public List<long> EventSequences { get; } = new();

    public HashSet<long> StoredEvents { get; } = new();

    public bool IsConnected => _transport.IsConnected;

    /// <summary>Connects and subscribes to everything the controller publishes; each SUBACK is awaited, so nothing
    /// the controller publishes from now on can slip past the subscriptions.</summary>
    public bool Connect()
    {
        if (!_transport.Connect(_clientId, null, null, this)) return false;
        foreach (string topic in _topics.Publications())
        {
            if (!_transport.Subscribe(topic, 1)) return false;
        }
        return true;
    }

    public bool Publish(string topic, byte[] payload, int qos = 1, bool retain = false) => _transport.Publish(topic, payload, qos, retain);

    public bool Publish(string topic, string json) => Publish(topic, Encoding.UTF8.GetBytes(json));

    public void OnMessage(string topic, byte[] payload) => _inbox.Enqueue(new InboundMessage(topic, payload));

    public void OnConnectionLost() { }

    public List<string> TextsOn(string topic)
    {
        lock (Received)
        {
            return Received.Where(m => m.Topic == topic).Select(m => Encoding.UTF8.GetString(m.Payload)).ToList();
        }
    }

    /// <summary>Processes what arrived: answers decision requests, stores events and acks them cumulatively.</summary>
    public void Pump()
    {
        if (!_transport.IsConnected) Connect();
        while (_inbox.TryDequeue(out var message))
        {
            lock (Received) Received.Add(message);
            if (message.Topic == _topics.DecisionRequest && AnswerDecisions && DecisionRequest.TryParse(message.Payload, out var request, out _))
            {
                var response = new DecisionResponse
                {
                    RequestId = request.RequestId,
                    Granted = GrantDecisions,
                    Reason = GrantDecisions ? "server-ok" : "server-deny",
                    UnlockMilliseconds = GrantDecisions ? 5000 : 0,
                    ServerTime = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
                };
                _transport.Publish(_topics.DecisionResponse, response.ToJson(), 0, false);
            }
            else if (message.Topic == _topics.Events && EventMessage.TryParse(message.Payload, out var ev, out _))
            {
                EventSequences.Add(ev.Sequence);
                StoredEvents.Add(ev.Sequence);
                if (AckEvents)
                {
                    // Cumulative: the highest sequence below which nothing is missing.
                    long contiguous = StoredEvents.Min() - 1;
                    while (StoredEvents.Contains(contiguous + 1)) contiguous++;
                    _transport.Publish(_topics.EventsAck, new EventAck { UpTo = contiguous, ServerTime = DateTimeOffset.UtcNow.ToUnixTimeSeconds() }.ToJson(), 1, false);
                }
            }
        }
    }

    public void Dispose() => _transport.Dispose();
}

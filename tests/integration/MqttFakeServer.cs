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
/// answers decisions and clock requests and acknowledges events — verifying and sealing with the controller's message
/// keys as the real server does. Answers are sent from <see cref="Pump"/> on the test thread, never from the network
/// callback.
/// </summary>
public sealed class MqttFakeServer : IMqttMessageListener, IDisposable
{
    private readonly ConcurrentQueue<InboundMessage> _inbox = new();
    private readonly MosquittoTransport _transport;
    private readonly LinkTopics _topics;
    private readonly string _clientId;
    private readonly Dictionary<long, string> _eventMacs = new();

    public MqttFakeServer(MosquittoBroker broker, BrokerLogin login, string deviceId, byte[] deviceKey)
    {
        _topics = new LinkTopics(deviceId);
        Keys = new WireKeys(deviceKey, _topics);
        _clientId = login.ClientId;
        _transport = new MosquittoTransport(broker.Endpoint(login));
    }

    public WireKeys Keys { get; }
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

    /// <summary>Seals <paramref name="json"/> with the controller's key for <paramref name="topic"/> and publishes it.</summary>
    public bool Send(string topic, byte[] json, int qos = 1) => _transport.Publish(topic, Keys.Seal(topic, json), qos, false);

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
            if (IsUpstream(message.Topic) && !Keys.Verify(message.Topic, message.Payload, out string macError))
            {
                throw new InvalidOperationException("the controller sent an unauthenticated message on " + message.Topic + ": " + macError);
            }
            if (message.Topic == _topics.DecisionRequest && AnswerDecisions && DecisionRequest.TryParse(message.Payload, out var request, out _))
            {
                var response = new DecisionResponse
                {
                    RequestId = request.RequestId,
                    Nonce = request.Nonce,
                    Granted = GrantDecisions,
                    Reason = GrantDecisions ? "server-ok" : "server-deny",
                    UnlockMilliseconds = GrantDecisions ? 5000 : 0,
                };
                Send(_topics.DecisionResponse, response.ToJson(), 0);
            }
            else if (message.Topic == _topics.ClockRequest && ClockRequest.TryParse(message.Payload, out var clock, out _))
            {
                Send(_topics.Clock, new ClockMessage { Nonce = clock.Nonce, UtcMilliseconds = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() }.ToJson(), 0);
            }
            else if (message.Topic == _topics.Events && EventMessage.TryParse(message.Payload, out var ev, out _))
            {
                EventSequences.Add(ev.Sequence);
                StoredEvents.Add(ev.Sequence);
                _eventMacs[ev.Sequence] = WireMac.TagHex(message.Payload);
                if (AckEvents)
                {
                    // Cumulative: the highest sequence below which nothing is missing, named with its MAC.
                    long contiguous = StoredEvents.Min() - 1;
                    while (StoredEvents.Contains(contiguous + 1)) contiguous++;
                    Send(_topics.EventsAck, new EventAck { UpTo = contiguous, EventMac = _eventMacs[contiguous] }.ToJson(), 1);
                }
            }
        }
    }

    /// <summary>Topics the controller publishes, each with a message MAC.</summary>
    private bool IsUpstream(string topic) => Array.IndexOf(_topics.Publications(), topic) >= 0;

    public void Dispose() => _transport.Dispose();
}

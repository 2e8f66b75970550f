using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using DoorController.Hal;
using DoorController.Hal.Host.Mqtt;
using DoorController.LocalBroker;

namespace DoorController.TestSupport;

/// <summary>
/// A client on a test's broker, connected as one identity: an attacker holding full broker access (a leaked
/// privileged password: publish and subscribe on every topic), a given controller, or nobody (anonymous). Records
/// everything it receives. Attack tests switch the attacker's standing with one call:
/// <code>
/// using var attacker = BrokerPeer.Attacker(broker);             // full access
/// using var insider  = BrokerPeer.AsController(broker, "door-2"); // another controller's identity
/// </code>
/// </summary>
public sealed class BrokerPeer : IMqttMessageListener, IDisposable
{
    private readonly MosquittoTransport _transport;
    private readonly BlockingCollection<(string Topic, byte[] Payload)> _arrivals = new();
    private readonly List<(string Topic, byte[] Payload)> _received = new();

    private BrokerPeer(BrokerEndpoint endpoint, string clientId)
    {
        ClientId = clientId;
        _transport = new MosquittoTransport(endpoint);
        Connected = _transport.Connect(clientId, null, null, this);
    }

    public string ClientId { get; }

    /// <summary>Whether the broker accepted the connection (see <see cref="LastError"/> when not).</summary>
    public bool Connected { get; }

    public bool IsConnected => _transport.IsConnected;
    public string LastError => _transport.LastError;

    /// <summary>An identity with publish and subscribe on every topic (not the control topic), created for this peer.</summary>
    public static BrokerPeer Attacker(MosquittoBroker broker, string name = "attacker")
    {
        BrokerLogin login = broker.Admin.CreateFullAccess(name + "-" + Guid.NewGuid().ToString("N")[..6]);
        return Connect(broker, login);
    }

    /// <summary>Controller <paramref name="deviceId"/>'s identity, created now (as registration does) and connected
    /// with its bound client id.</summary>
    public static BrokerPeer AsController(MosquittoBroker broker, string deviceId) => Connect(broker, broker.RegisterController(deviceId));

    /// <summary>Connects as <paramref name="login"/>, with its bound client id unless another is given.</summary>
    public static BrokerPeer Connect(MosquittoBroker broker, BrokerLogin login, string? clientId = null) =>
        new(broker.Endpoint(login), clientId ?? login.ClientId);

    /// <summary>Connects through the broker's Unix socket (where the server that runs it connects) as
    /// <paramref name="login"/>, or anonymously when null; with the login's bound client id unless another is given.</summary>
    public static BrokerPeer OnSocket(MosquittoBroker broker, BrokerLogin? login, string? clientId = null) =>
        new(broker.SocketEndpoint(login), clientId ?? login?.ClientId ?? "anonymous");

    /// <summary>No username or password.</summary>
    public static BrokerPeer Anonymous(MosquittoBroker broker, string clientId = "anonymous") => new(broker.Endpoint(null), clientId);

    /// <summary>Subscribes and waits for the broker's answer: false when the broker refused the subscription.</summary>
    public bool Subscribe(string filter, int qos = 1) => _transport.Subscribe(filter, qos);

    public bool Publish(string topic, byte[] payload, int qos = 1, bool retain = false) => _transport.Publish(topic, payload, qos, retain);

    public bool Publish(string topic, string text, int qos = 1, bool retain = false) => Publish(topic, Encoding.UTF8.GetBytes(text), qos, retain);

    /// <summary>Every message received so far, in arrival order.</summary>
    public List<(string Topic, byte[] Payload)> Received
    {
        get { lock (_received) return _received.ToList(); }
    }

    public List<string> TextsOn(string topic) => Received.Where(m => m.Topic == topic).Select(m => Encoding.UTF8.GetString(m.Payload)).ToList();

    /// <summary>Waits for a message matching <paramref name="match"/> (already received ones count); null after the timeout.</summary>
    public byte[]? WaitFor(Func<string, byte[], bool> match, TimeSpan timeout)
    {
        foreach (var m in Received) if (match(m.Topic, m.Payload)) return m.Payload;
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < timeout)
        {
            if (_arrivals.TryTake(out var m, TimeSpan.FromMilliseconds(50)) && match(m.Topic, m.Payload)) return m.Payload;
        }
        return null;
    }

    /// <summary>Called on the network thread for every message received, after it is recorded: an answer sent from
    /// here is the fastest answer anyone on the broker can give.</summary>
    public Action<string, byte[]>? OnReceived { get; set; }

    public void OnMessage(string topic, byte[] payload)
    {
        lock (_received) _received.Add((topic, payload));
        _arrivals.Add((topic, payload));
        OnReceived?.Invoke(topic, payload);
    }

    public void OnConnectionLost() { }

    public void Dispose() => _transport.Dispose();
}

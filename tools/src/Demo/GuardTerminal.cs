using DoorController.Contract;
using DoorController.Hal;
using DoorController.Hal.Host.Mqtt;
using DoorController.LocalBroker;

namespace DoorController.Demo;

/// <summary>The security guard's terminal: an MQTT subscriber on its routed notification topic (Fig 9B, P1),
/// dc/v1/term/&lt;name&gt;, with its own broker identity that may read that topic and nothing else.</summary>
public sealed class GuardTerminal : IMqttMessageListener, IDisposable
{
    private readonly MosquittoTransport _transport;
    private readonly BrokerLogin _login;
    private int _count;

    public GuardTerminal(MosquittoBroker broker, string name)
    {
        Topic = LinkTopics.TerminalPrefix + name;
        _login = broker.Admin.CreateTerminal(name);
        _transport = new MosquittoTransport(broker.Endpoint(_login));
        Connect();
    }

    /// <summary>The topic notification routes name to reach this terminal.</summary>
    public string Topic { get; }

    public int Count => Volatile.Read(ref _count);
    public string Last { get; private set; } = "";

    /// <summary>(Re)connects; the demo calls it again after the broker outage.</summary>
    public bool Connect() => _transport.Connect(_login.ClientId, null, null, this) && _transport.Subscribe(Topic, 1);

    public void OnMessage(string topic, byte[] payload)
    {
        Last = System.Text.Encoding.UTF8.GetString(payload);
        Interlocked.Increment(ref _count);
    }

    public void OnConnectionLost() { }

    public bool WaitFor(int count, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < until && Count < count) Thread.Sleep(20);
        return Count >= count;
    }

    public void Dispose() => _transport.Dispose();
}

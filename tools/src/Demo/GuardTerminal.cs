using DoorController.Hal;
using DoorController.Hal.Host.Mqtt;

namespace DoorController.Demo;

/// <summary>The security guard's terminal: an MQTT subscriber on the routed notification topic (Fig 9B, P1).</summary>
public sealed class GuardTerminal : IMqttMessageListener, IDisposable
{
    private readonly MosquittoTransport _transport;
    private readonly string _topic;
    private int _count;

    public GuardTerminal(int port, string topic)
    {
        _topic = topic;
        _transport = new MosquittoTransport("127.0.0.1", port);
        Connect();
    }

    public int Count => Volatile.Read(ref _count);
    public string Last { get; private set; } = "";

    /// <summary>(Re)connects; the demo calls it again after the broker outage.</summary>
    public bool Connect() => _transport.Connect("guard-desk-" + Environment.ProcessId, null, null, this) && _transport.Subscribe(_topic, 1);

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

using System.Text;
using DoorController.Hal;
using DoorController.Hal.Host.Mqtt;
using DoorController.LocalBroker;

namespace DoorController.TestSupport;

/// <summary>
/// An attacker on the broker for the security tests: hears every message under dc/v1/, publishes anything on any
/// topic (retained too) and replays what it heard. <see cref="OnHeard"/> runs on the network thread, so an answer
/// from there is the fastest answer anyone on the broker can give (the forged-grant race).
/// </summary>
public sealed class WireAttacker : IMqttMessageListener, IDisposable
{
    private readonly MosquittoTransport _transport;
    private readonly List<(string Topic, byte[] Payload)> _heard = new();

    private WireAttacker(MosquittoTransport transport, string clientId)
    {
        _transport = transport;
        if (!_transport.Connect(clientId, null, null, this)) throw new InvalidOperationException("attacker could not connect: " + _transport.LastError);
        if (!_transport.Subscribe("dc/v1/#", 1)) throw new InvalidOperationException("attacker could not subscribe: " + _transport.LastError);
        // SUBSCRIBE is asynchronous: wait until a probe comes back through it.
        string probe = "dc/v1/attacker-probe/" + clientId;
        var until = DateTime.UtcNow.AddSeconds(5);
        while (DateTime.UtcNow < until && Heard(probe).Count == 0)
        {
            _transport.Publish(probe, new byte[] { 1 }, 0, false);
            Thread.Sleep(20);
        }
        if (Heard(probe).Count == 0) throw new InvalidOperationException("attacker subscription never took effect");
    }

    /// <summary>
    /// The one place that decides how the attacker reaches the broker, and so what the attack tests assume: an
    /// attacker with full broker access — today any client of the project's anonymous broker; with broker identities,
    /// a privileged identity (a leaked administrator password). Every message-level attack must fail either way.
    /// </summary>
    public static WireAttacker WithFullBrokerAccess(MosquittoBroker broker)
    {
        return new WireAttacker(new MosquittoTransport(broker.Host, broker.Port), "attacker-" + Guid.NewGuid().ToString("N")[..8]);
    }

    /// <summary>Called on the network thread for every message heard (topic, payload).</summary>
    public Action<string, byte[]>? OnHeard { get; set; }

    public void OnMessage(string topic, byte[] payload)
    {
        lock (_heard) _heard.Add((topic, payload));
        OnHeard?.Invoke(topic, payload);
    }

    public void OnConnectionLost() { }

    /// <summary>Payloads heard on <paramref name="topic"/>, oldest first.</summary>
    public List<byte[]> Heard(string topic)
    {
        lock (_heard) return _heard.Where(m => m.Topic == topic).Select(m => m.Payload).ToList();
    }

    /// <summary>Waits for a payload on <paramref name="topic"/> that satisfies <paramref name="match"/>.</summary>
    public byte[] WaitFor(string topic, Func<string, bool> match, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < until)
        {
            var hit = Heard(topic).FirstOrDefault(p => match(Encoding.UTF8.GetString(p)));
            if (hit != null) return hit;
            Thread.Sleep(10);
        }
        throw new TimeoutException("the attacker never heard a matching message on " + topic);
    }

    public bool Publish(string topic, byte[] payload, bool retain = false) => _transport.Publish(topic, payload, 1, retain);

    public bool Publish(string topic, string text, bool retain = false) => Publish(topic, Encoding.UTF8.GetBytes(text), retain);

    public void Dispose() => _transport.Dispose();
}

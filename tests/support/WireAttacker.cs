using System.Text;
using DoorController.LocalBroker;

namespace DoorController.TestSupport;

/// <summary>
/// An attacker on the broker for the message-level security tests: hears every message under dc/v1/, publishes
/// anything on any topic (retained too) and replays what it heard. It connects with
/// <see cref="BrokerPeer.Attacker"/>, a privileged broker identity (a leaked password with publish and subscribe on
/// every topic), so every message-level attack is tried with the most the broker can give away and must still fail.
/// <see cref="OnHeard"/> runs on the network thread, so an answer from there is the fastest answer anyone on the
/// broker can give (the forged-grant race).
/// </summary>
public sealed class WireAttacker : IDisposable
{
    private readonly BrokerPeer _peer;

    private WireAttacker(BrokerPeer peer)
    {
        _peer = peer;
        if (!_peer.Connected) throw new InvalidOperationException("attacker could not connect: " + _peer.LastError);
        // Subscribe waits for the SUBACK: everything published from now on is heard.
        if (!_peer.Subscribe(DoorController.Contract.LinkTopics.Root + "/#")) throw new InvalidOperationException("attacker could not subscribe: " + _peer.LastError);
    }

    /// <summary>The one place that decides how the attacker reaches the broker: with full broker access.</summary>
    public static WireAttacker WithFullBrokerAccess(MosquittoBroker broker) => new(BrokerPeer.Attacker(broker));

    /// <summary>Called on the network thread for every message heard (topic, payload).</summary>
    public Action<string, byte[]>? OnHeard
    {
        get => _peer.OnReceived;
        set => _peer.OnReceived = value;
    }

    /// <summary>Payloads heard on <paramref name="topic"/>, oldest first.</summary>
    public List<byte[]> Heard(string topic) => _peer.Received.Where(m => m.Topic == topic).Select(m => m.Payload).ToList();

    /// <summary>Waits for a payload on <paramref name="topic"/> whose text satisfies <paramref name="match"/>.</summary>
    public byte[] WaitFor(string topic, Func<string, bool> match, TimeSpan timeout) =>
        _peer.WaitFor((t, p) => t == topic && match(Encoding.UTF8.GetString(p)), timeout)
        ?? throw new TimeoutException("the attacker never heard a matching message on " + topic);

    public bool Publish(string topic, byte[] payload, bool retain = false) => _peer.Publish(topic, payload, 1, retain);

    public bool Publish(string topic, string text, bool retain = false) => Publish(topic, Encoding.UTF8.GetBytes(text), retain);

    public void Dispose() => _peer.Dispose();
}

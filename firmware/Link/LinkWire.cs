using DoorController.Contract;
using DoorController.Hal;

namespace DoorController.Link
{
    /// <summary>
    /// The controller's signed side of the transport: every message it publishes is sealed with the key of its topic
    /// (<see cref="WireKeys"/>), every message it receives on an authenticated topic is verified before it is parsed,
    /// and every signed upstream message takes the next nonce. A nonce is the journal's boot counter × 2^32 + the
    /// number of nonces taken since boot: the boot counter is made durable before any id of a boot exists (the same
    /// guarantee journal event ids rest on), so a nonce never repeats on a controller as long as its flash is not
    /// wiped — and a wiped controller is registered again, with a new key. No random source is needed.
    /// </summary>
    public sealed class LinkWire
    {
        private readonly IMqttTransport _transport;
        private readonly WireKeys _keys;
        private readonly long _bootPart;
        private uint _sequence;

        public LinkWire(IMqttTransport transport, WireKeys keys, uint bootCounter)
        {
            _transport = transport;
            _keys = keys;
            _bootPart = (long)(bootCounter & 0x7FFFFFFF) << 32;
        }

        public IMqttTransport Transport
        {
            get { return _transport; }
        }

        public WireKeys Keys
        {
            get { return _keys; }
        }

        /// <summary>A value this controller has never signed before (and never will again).</summary>
        public long NextNonce()
        {
            _sequence++;
            return _bootPart | _sequence;
        }

        /// <summary>Seals <paramref name="json"/> for <paramref name="topic"/> and publishes it.</summary>
        public bool Publish(string topic, byte[] json, int qos, bool retain)
        {
            return _transport.Publish(topic, _keys.Seal(topic, json), qos, retain);
        }

        /// <summary>True when <paramref name="topic"/> carries the message MAC (false: chunks and commands, with their own).</summary>
        public bool IsAuthenticatedTopic(string topic)
        {
            return _keys.Covers(topic);
        }

        public bool Verify(string topic, byte[] payload, out string error)
        {
            return _keys.Verify(topic, payload, out error);
        }
    }
}

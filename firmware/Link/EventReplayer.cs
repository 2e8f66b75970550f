using DoorController.Contract;
using DoorController.Core;

namespace DoorController.Link
{
    /// <summary>
    /// Sends journal events in sequence order with a sliding window (events and bytes in flight) and trims the
    /// journal on cumulative acks. After a reconnect, or when acks stop coming, it goes back to the last acknowledged
    /// event and resends from there (go-back-N); the server stores by sequence number, so duplicates are harmless
    /// and nothing is skipped. Each event goes out sealed with the event key; the MAC of every event in flight is
    /// kept, and an ack trims the journal only when it names an event in flight together with that event's MAC —
    /// the proof that the server stored exactly what was sent. Of each MAC the first 16 bytes are kept and compared
    /// (128 bits; the ack itself carries a full MAC under the server's key): 384 bytes less heap at a window of 24.
    /// </summary>
    public sealed class EventReplayer
    {
        private readonly IEventSource _source;
        private readonly LinkOptions _options;
        private readonly long[] _sequences;
        private readonly int[] _sizes;
        private readonly byte[] _tags;
        private const int KeptTagBytes = 16;
        private readonly byte[] _tag = new byte[WireMac.TagLength];
        private int _head;
        private int _count;
        private int _bytes;
        private long _ackedUpTo = -1;
        private long _sentUpTo = -1;
        private long _lastProgressUptime;

        public EventReplayer(IEventSource source, LinkOptions options)
        {
            _source = source;
            _options = options;
            int window = options.ReplayWindowEvents < 1 ? 1 : options.ReplayWindowEvents;
            _sequences = new long[window];
            _sizes = new int[window];
            _tags = new byte[window * KeptTagBytes];
        }

        public int InFlight
        {
            get { return _count; }
        }

        public int InFlightBytes
        {
            get { return _bytes; }
        }

        /// <summary>Highest sequence acknowledged by the server (-1 before the first ack this boot).</summary>
        public long AckedUpTo
        {
            get { return _ackedUpTo; }
        }

        /// <summary>Events resent because acks stalled.</summary>
        public int Rewinds { get; private set; }

        /// <summary>New connection: resend everything not yet acknowledged.</summary>
        public void Rewind(long nowUptime)
        {
            _sentUpTo = _ackedUpTo;
            _head = 0;
            _count = 0;
            _bytes = 0;
            _lastProgressUptime = nowUptime;
        }

        /// <summary>Publishes as many events as the window allows. Returns how many were sent.</summary>
        public int Pump(LinkWire wire, string topic, long nowUptime)
        {
            if (_count > 0 && nowUptime - _lastProgressUptime >= _options.AckTimeoutMilliseconds)
            {
                Rewinds++;
                Rewind(nowUptime);
            }
            int sent = 0;
            while (_count < _sequences.Length && (_count == 0 || _bytes < _options.ReplayWindowBytes))
            {
                long previous, sequence;
                string json;
                if (!_source.TryRead(_sentUpTo, out previous, out sequence, out json) || sequence <= _sentUpTo)
                {
                    break;
                }
                EventMessage message = new EventMessage();
                message.Sequence = sequence;
                message.Previous = previous < 0 ? 0 : previous;
                message.Acknowledged = _source.Acknowledged;
                message.EventJson = json;
                byte[] payload = wire.Keys.Seal(topic, message.ToJson());
                if (_count > 0 && _bytes + payload.Length > _options.ReplayWindowBytes)
                {
                    break;
                }
                if (!wire.Transport.Publish(topic, payload, 1, false))
                {
                    break;
                }
                if (_count == 0)
                {
                    _lastProgressUptime = nowUptime;
                }
                int slot = (_head + _count) % _sequences.Length;
                _sequences[slot] = sequence;
                _sizes[slot] = payload.Length;
                WireMac.TryReadTag(payload, _tag, 0);
                System.Array.Copy(_tag, 0, _tags, slot * KeptTagBytes, KeptTagBytes);
                _count++;
                _bytes += payload.Length;
                _sentUpTo = sequence;
                sent++;
            }
            return sent;
        }

        /// <summary>
        /// An authenticated cumulative ack. It trims only when "upto" is an event in flight and "event-mac" is that
        /// event's MAC; an ack for an event not in flight (already acknowledged, or sent before a rewind) changes
        /// nothing. False with the reason when the ack names an event in flight with another MAC.
        /// </summary>
        public bool OnAck(EventAck ack, long nowUptime, out string error)
        {
            error = null;
            int slot = SlotOf(ack.UpTo);
            if (slot < 0)
            {
                return true;
            }
            if (!WireMac.TryParseTag(ack.EventMac, _tag, 0)
                || !KeyedHash.FixedTimeEquals(_tag, 0, _tags, slot * KeptTagBytes, KeptTagBytes))
            {
                error = "ack for event " + ack.UpTo + " names another event's mac";
                return false;
            }
            long upTo = ack.UpTo;
            _ackedUpTo = upTo;
            _source.Acknowledge(upTo);
            while (_count > 0 && _sequences[_head] <= upTo)
            {
                _bytes -= _sizes[_head];
                _head = (_head + 1) % _sequences.Length;
                _count--;
            }
            _lastProgressUptime = nowUptime;
            return true;
        }

        private int SlotOf(long sequence)
        {
            for (int i = 0; i < _count; i++)
            {
                int slot = (_head + i) % _sequences.Length;
                if (_sequences[slot] == sequence)
                {
                    return slot;
                }
            }
            return -1;
        }
    }
}

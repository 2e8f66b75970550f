using DoorController.Hal;
using DoorController.Contract;

namespace DoorController.Link
{
    /// <summary>
    /// Sends journal events in sequence order with a sliding window (events and bytes in flight) and trims the
    /// journal on cumulative acks. After a reconnect, or when acks stop coming, it goes back to the last acknowledged
    /// event and resends from there (go-back-N); the server stores by sequence number, so duplicates are harmless
    /// and nothing is skipped.
    /// </summary>
    public sealed class EventReplayer
    {
        private readonly IEventSource _source;
        private readonly LinkOptions _options;
        private readonly long[] _sequences;
        private readonly int[] _sizes;
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
        public int Pump(IMqttTransport transport, string topic, long nowUptime)
        {
            if (_count > 0 && nowUptime - _lastProgressUptime >= _options.AckTimeoutMilliseconds)
            {
                Rewinds++;
                Rewind(nowUptime);
            }
            int sent = 0;
            while (_count < _sequences.Length && (_count == 0 || _bytes < _options.ReplayWindowBytes))
            {
                long sequence;
                string json;
                if (!_source.TryRead(_sentUpTo, out sequence, out json) || sequence <= _sentUpTo)
                {
                    break;
                }
                EventMessage message = new EventMessage();
                message.Sequence = sequence;
                message.EventJson = json;
                byte[] payload = message.ToJson();
                if (_count > 0 && _bytes + payload.Length > _options.ReplayWindowBytes)
                {
                    break;
                }
                if (!transport.Publish(topic, payload, 1, false))
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
                _count++;
                _bytes += payload.Length;
                _sentUpTo = sequence;
                sent++;
            }
            return sent;
        }

        /// <summary>Cumulative ack. Acks for events never sent are clamped, so a hostile ack cannot trim unsent events.</summary>
        public void OnAck(long upTo, long nowUptime)
        {
            if (upTo > _sentUpTo)
            {
                upTo = _sentUpTo;
            }
            if (upTo <= _ackedUpTo)
            {
                return;
            }
            _ackedUpTo = upTo;
            _source.Acknowledge(upTo);
            while (_count > 0 && _sequences[_head] <= upTo)
            {
                _bytes -= _sizes[_head];
                _head = (_head + 1) % _sequences.Length;
                _count--;
            }
            _lastProgressUptime = nowUptime;
        }
    }
}

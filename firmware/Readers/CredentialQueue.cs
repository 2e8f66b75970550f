using DoorController.Access;

namespace DoorController.Readers
{
    /// <summary>
    /// Fixed-size, thread-safe ring between reader callbacks (GPIO, UART, BLE threads) and the main loop, which
    /// dequeues and decides. When full the new read is refused and counted: a burst of reads must not push out
    /// the one the person at the door is waiting for.
    /// The reads are kept field by field (one byte array for method, direction and outcome, then value, reader and
    /// time), not as a <see cref="CredentialInput"/>[]: on nanoCLR every element of a struct array is an object of its
    /// own (84 bytes for a read, on top of its 12-byte slot), 792 bytes for 8 reads against 312 this way.
    /// </summary>
    public sealed class CredentialQueue
    {
        /// <summary>
        /// Room for the reads that arrive while the main loop waits for one decision (it takes one read at a time, and
        /// an online decision can wait for the server): one or two from each reader of the door (entry and exit NFC or
        /// Wiegand, a keypad, a QR scanner, BLE phones).
        /// </summary>
        public const int DefaultCapacity = 8;

        private const int CodesPerRead = 3; // method, direction, outcome: each below 256
        private readonly object _sync = new object();
        private readonly byte[] _codes;
        private readonly byte[][] _values;
        private readonly int[] _readerIds;
        private readonly long[] _times;
        private int _head;
        private int _count;
        private int _dropped;

        public CredentialQueue() : this(DefaultCapacity)
        {
        }

        public CredentialQueue(int capacity)
        {
            if (capacity < 1)
            {
                capacity = 1;
            }
            _codes = new byte[capacity * CodesPerRead];
            _values = new byte[capacity][];
            _readerIds = new int[capacity];
            _times = new long[capacity];
        }

        public int Count
        {
            get { lock (_sync) { return _count; } }
        }

        public int Dropped
        {
            get { lock (_sync) { return _dropped; } }
        }

        public bool TryEnqueue(CredentialInput item)
        {
            lock (_sync)
            {
                if (_count == _times.Length)
                {
                    _dropped++;
                    return false;
                }
                int i = (_head + _count) % _times.Length;
                _codes[i * CodesPerRead] = (byte)item.Method;
                _codes[i * CodesPerRead + 1] = (byte)item.Direction;
                _codes[i * CodesPerRead + 2] = (byte)item.Outcome;
                _values[i] = item.Value;
                _readerIds[i] = item.ReaderId;
                _times[i] = item.UptimeMilliseconds;
                _count++;
                return true;
            }
        }

        public bool TryDequeue(out CredentialInput item)
        {
            lock (_sync)
            {
                if (_count == 0)
                {
                    item = new CredentialInput();
                    return false;
                }
                int i = _head;
                item = new CredentialInput((CredentialMethod)_codes[i * CodesPerRead], _values[i], (Direction)_codes[i * CodesPerRead + 1],
                    _readerIds[i], (ReadOutcome)_codes[i * CodesPerRead + 2], _times[i]);
                _values[i] = null; // the queue holds no credential bytes once they are handed over
                _head = (_head + 1) % _times.Length;
                _count--;
                return true;
            }
        }
    }
}

namespace DoorController.Readers
{
    /// <summary>
    /// Fixed-size, thread-safe ring between reader callbacks (GPIO, UART, BLE threads) and the main loop, which
    /// dequeues and decides. When full the new read is refused and counted: a burst of reads must not push out
    /// the one the person at the door is waiting for.
    /// </summary>
    public sealed class CredentialQueue
    {
        public const int DefaultCapacity = 8;

        private readonly object _sync = new object();
        private readonly CredentialInput[] _items;
        private int _head;
        private int _count;
        private int _dropped;

        public CredentialQueue() : this(DefaultCapacity)
        {
        }

        public CredentialQueue(int capacity)
        {
            _items = new CredentialInput[capacity < 1 ? 1 : capacity];
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
                if (_count == _items.Length)
                {
                    _dropped++;
                    return false;
                }
                _items[(_head + _count) % _items.Length] = item;
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
                item = _items[_head];
                _items[_head] = new CredentialInput();
                _head = (_head + 1) % _items.Length;
                _count--;
                return true;
            }
        }
    }
}

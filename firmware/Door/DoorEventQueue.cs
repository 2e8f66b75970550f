namespace DoorController.Door
{
    /// <summary>
    /// Fixed-size ring of door events, drained by the main loop after each tick. Allocation-free. When full the
    /// oldest event is dropped and counted, because the newest state (e.g. a new forced-open) matters most.
    /// </summary>
    public sealed class DoorEventQueue
    {
        public const int DefaultCapacity = 16;

        private readonly DoorEvent[] _items;
        private int _head;
        private int _count;

        public DoorEventQueue() : this(DefaultCapacity)
        {
        }

        public DoorEventQueue(int capacity)
        {
            _items = new DoorEvent[capacity < 1 ? 1 : capacity];
        }

        public int Count
        {
            get { return _count; }
        }

        /// <summary>Events lost because the queue was full.</summary>
        public int Dropped { get; private set; }

        public void Enqueue(DoorEvent item)
        {
            if (_count == _items.Length)
            {
                _head = (_head + 1) % _items.Length;
                _count--;
                Dropped++;
            }
            _items[(_head + _count) % _items.Length] = item;
            _count++;
        }

        public bool TryDequeue(out DoorEvent item)
        {
            if (_count == 0)
            {
                item = new DoorEvent();
                return false;
            }
            item = _items[_head];
            _head = (_head + 1) % _items.Length;
            _count--;
            return true;
        }

        public void Clear()
        {
            _head = 0;
            _count = 0;
        }
    }
}

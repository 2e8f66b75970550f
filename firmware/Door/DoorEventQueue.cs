namespace DoorController.Door
{
    /// <summary>
    /// Fixed-size ring of door events, drained by the main loop after each tick. Allocation-free. When full the
    /// oldest event is dropped and counted, because the newest state (e.g. a new forced-open) matters most.
    /// The events are kept field by field in four arrays, not as a <see cref="DoorEvent"/>[]: on nanoCLR every element
    /// of a struct array is an object of its own (60 bytes for an event, on top of its 12-byte slot), so 16 events
    /// held that way cost 1,176 bytes of heap for the life of the controller, field by field 360. A controller's two
    /// doors share one queue: the kind's top bit says which door an event is from.
    /// </summary>
    public sealed class DoorEventQueue
    {
        /// <summary>
        /// Room between two drains: one door tick emits at most seven events (exit requested, a grace period ending,
        /// closed with held-open cleared, a relay write fault, a lock-monitor mismatch, a tick fault), and what runs
        /// between two ticks (a grant, a remote mode change or unlock) adds up to three per command; 16 keeps a
        /// tick and a couple of commands without dropping. With two doors the main loop drains after each door's tick,
        /// so what waits is still one tick's events and the commands since the last drain.
        /// </summary>
        public const int DefaultCapacity = 16;

        private const int SecondDoorBit = 0x80; // DoorEventKind stays below it
        private readonly byte[] _kinds;
        private readonly int[] _grantIds;
        private readonly int[] _details;
        private readonly long[] _times;
        private int _head;
        private int _count;

        public DoorEventQueue() : this(DefaultCapacity)
        {
        }

        public DoorEventQueue(int capacity)
        {
            if (capacity < 1)
            {
                capacity = 1;
            }
            _kinds = new byte[capacity];
            _grantIds = new int[capacity];
            _details = new int[capacity];
            _times = new long[capacity];
        }

        public int Count
        {
            get { return _count; }
        }

        /// <summary>Events lost because the queue was full.</summary>
        public int Dropped { get; private set; }

        public void Enqueue(DoorEvent item)
        {
            int capacity = _times.Length;
            if (_count == capacity)
            {
                _head = (_head + 1) % capacity;
                _count--;
                Dropped++;
            }
            int i = (_head + _count) % capacity;
            _kinds[i] = (byte)((int)item.Kind | (item.SecondDoor ? SecondDoorBit : 0));
            _grantIds[i] = item.GrantId;
            _details[i] = item.Detail;
            _times[i] = item.UptimeMilliseconds;
            _count++;
        }

        public bool TryDequeue(out DoorEvent item)
        {
            if (_count == 0)
            {
                item = new DoorEvent();
                return false;
            }
            int kind = _kinds[_head];
            item = new DoorEvent((DoorEventKind)(kind & ~SecondDoorBit), _grantIds[_head], _details[_head], _times[_head]);
            item.SecondDoor = (kind & SecondDoorBit) != 0;
            _head = (_head + 1) % _times.Length;
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

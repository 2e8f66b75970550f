namespace DoorController.Access
{
    /// <summary>
    /// The controller's presence: the latest committed passages only, in a fixed table (<see cref="Capacity"/> user-area
    /// rows, parallel arrays, nothing allocated after construction). Offline the controller skips anti-passback (the
    /// server re-runs it on the replayed journal), so presence serves one purpose there: the direction of a toggle reader
    /// that was given none. A person missing from the table counts as unknown, which makes that reader decide entry;
    /// the journalled direction is re-judged by the server like every offline grant. When the table is full the
    /// oldest passage gives way. RAM is therefore the same after ten people as after a hundred thousand.
    /// </summary>
    public sealed class RecentPresence : IPresenceStore
    {
        public const int DefaultCapacity = 32;

        private readonly int[] _users;
        private readonly int[] _areas;
        private readonly int[] _at; // unix seconds as unsigned 32 bits: good until 2106
        private readonly bool[] _inside;
        private int _count;

        public RecentPresence(int capacity)
        {
            _users = new int[capacity];
            _areas = new int[capacity];
            _at = new int[capacity];
            _inside = new bool[capacity];
        }

        public int Capacity
        {
            get { return _users.Length; }
        }

        public int Count
        {
            get { return _count; }
        }

        public bool TryGet(int userId, int areaId, out bool inside, out long atUnix)
        {
            int i = IndexOf(userId, areaId);
            inside = i >= 0 && _inside[i];
            atUnix = i >= 0 ? (long)(uint)_at[i] : 0;
            return i >= 0;
        }

        public void Set(int userId, int areaId, bool inside, long atUnix)
        {
            int i = IndexOf(userId, areaId);
            if (i < 0)
            {
                i = _count < _users.Length ? _count++ : Oldest();
                _users[i] = userId;
                _areas[i] = areaId;
            }
            _inside[i] = inside;
            _at[i] = (int)(uint)atUnix;
        }

        public void Reset(int userId)
        {
            int kept = 0;
            for (int i = 0; i < _count; i++)
            {
                if (userId != 0 && _users[i] != userId)
                {
                    _users[kept] = _users[i];
                    _areas[kept] = _areas[i];
                    _at[kept] = _at[i];
                    _inside[kept] = _inside[i];
                    kept++;
                }
            }
            _count = kept;
        }

        private int IndexOf(int userId, int areaId)
        {
            for (int i = 0; i < _count; i++)
            {
                if (_users[i] == userId && _areas[i] == areaId)
                {
                    return i;
                }
            }
            return -1;
        }

        private int Oldest()
        {
            int oldest = 0;
            for (int i = 1; i < _count; i++)
            {
                if ((uint)_at[i] < (uint)_at[oldest])
                {
                    oldest = i;
                }
            }
            return oldest;
        }
    }
}

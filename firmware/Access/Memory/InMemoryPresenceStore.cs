namespace DoorController.Access
{
    /// <summary>
    /// Presence per (user, area) in parallel arrays with open addressing: no boxing, so reading and updating a
    /// known user's presence allocates nothing. Grows by doubling; <see cref="Reset"/> with a user id clears that
    /// user's rows.
    /// </summary>
    public sealed class InMemoryPresenceStore : IPresenceStore
    {
        private long[] _keys;
        private long[] _at;
        private byte[] _state; // 0 empty, 1 inside, 2 outside, 3 deleted
        private int _count;

        public InMemoryPresenceStore() : this(64)
        {
        }

        public InMemoryPresenceStore(int capacity)
        {
            int size = 16;
            while (size < capacity * 2)
            {
                size <<= 1;
            }
            Allocate(size);
        }

        public int Count
        {
            get { return _count; }
        }

        public bool TryGet(int userId, int areaId, out bool inside, out long atUnix)
        {
            int i = Locate(Key(userId, areaId));
            if (i < 0)
            {
                inside = false;
                atUnix = 0;
                return false;
            }
            inside = _state[i] == 1;
            atUnix = _at[i];
            return true;
        }

        public void Set(int userId, int areaId, bool inside, long atUnix)
        {
            long key = Key(userId, areaId);
            int i = Locate(key);
            if (i < 0)
            {
                if ((_count + 1) * 2 > _keys.Length)
                {
                    Rehash(_keys.Length * 2);
                }
                i = FreeSlot(key);
                _keys[i] = key;
                _count++;
            }
            _state[i] = inside ? (byte)1 : (byte)2;
            _at[i] = atUnix;
        }

        public void Reset(int userId)
        {
            for (int i = 0; i < _keys.Length; i++)
            {
                if ((_state[i] == 1 || _state[i] == 2) && (userId == 0 || (int)(_keys[i] >> 32) == userId))
                {
                    _state[i] = 3;
                    _count--;
                }
            }
            Rehash(_keys.Length); // drop tombstones so probe chains stay short
        }

        private static long Key(int userId, int areaId)
        {
            return ((long)userId << 32) | (uint)areaId;
        }

        private int Slot(long key)
        {
            ulong h = (ulong)key * 0x9E3779B97F4A7C15UL;
            return (int)(h >> 40) & (_keys.Length - 1);
        }

        private int Locate(long key)
        {
            int mask = _keys.Length - 1;
            int i = Slot(key);
            while (_state[i] != 0)
            {
                if (_state[i] != 3 && _keys[i] == key)
                {
                    return i;
                }
                i = (i + 1) & mask;
            }
            return -1;
        }

        private int FreeSlot(long key)
        {
            int mask = _keys.Length - 1;
            int i = Slot(key);
            while (_state[i] == 1 || _state[i] == 2)
            {
                i = (i + 1) & mask;
            }
            return i;
        }

        private void Allocate(int size)
        {
            _keys = new long[size];
            _at = new long[size];
            _state = new byte[size];
            _count = 0;
        }

        private void Rehash(int size)
        {
            long[] keys = _keys;
            long[] at = _at;
            byte[] state = _state;
            Allocate(size);
            for (int i = 0; i < keys.Length; i++)
            {
                if (state[i] == 1 || state[i] == 2)
                {
                    int j = FreeSlot(keys[i]);
                    _keys[j] = keys[i];
                    _at[j] = at[i];
                    _state[j] = state[i];
                    _count++;
                }
            }
        }
    }
}

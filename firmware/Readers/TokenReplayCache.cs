namespace DoorController.Readers
{
    /// <summary>
    /// Remembers, per user reference, the newest time step accepted, in a fixed number of slots. A token is fresh
    /// only if its step is newer than that: this refuses the same token twice and also an older, still-valid token
    /// (a photo of the phone screen taken a minute earlier). When full, a slot whose step is already outside
    /// the acceptance window is reused first, otherwise the least recently used one. Not thread-safe: callers lock.
    /// </summary>
    public sealed class TokenReplayCache
    {
        private readonly uint[] _userRefs;
        private readonly long[] _steps;
        private readonly long[] _lastUse;
        private readonly bool[] _used;
        private long _useCounter;

        public TokenReplayCache(int capacity)
        {
            if (capacity < 1) capacity = 1;
            _userRefs = new uint[capacity];
            _steps = new long[capacity];
            _lastUse = new long[capacity];
            _used = new bool[capacity];
        }

        public int Capacity
        {
            get { return _used.Length; }
        }

        public bool IsFresh(uint userRef, long step)
        {
            int slot = Find(userRef);
            return slot < 0 || step > _steps[slot];
        }

        /// <summary>Records an accepted token. <paramref name="oldestLiveStep"/> is the oldest step still accepted.</summary>
        public void Record(uint userRef, long step, long oldestLiveStep)
        {
            int slot = Find(userRef);
            if (slot < 0)
            {
                slot = FreeSlot(oldestLiveStep);
            }
            _used[slot] = true;
            _userRefs[slot] = userRef;
            _steps[slot] = step;
            _lastUse[slot] = ++_useCounter;
        }

        private int Find(uint userRef)
        {
            for (int i = 0; i < _used.Length; i++)
            {
                if (_used[i] && _userRefs[i] == userRef)
                {
                    return i;
                }
            }
            return -1;
        }

        private int FreeSlot(long oldestLiveStep)
        {
            int lru = 0;
            for (int i = 0; i < _used.Length; i++)
            {
                if (!_used[i] || _steps[i] < oldestLiveStep)
                {
                    return i;
                }
                if (_lastUse[i] < _lastUse[lru])
                {
                    lru = i;
                }
            }
            return lru;
        }
    }
}

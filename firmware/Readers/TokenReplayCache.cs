namespace DoorController.Readers
{
    /// <summary>
    /// Remembers, per user reference, the newest time step accepted, in a fixed number of slots. A token is fresh
    /// only if its step is newer than that: this refuses the same token twice and also an older, still-valid token
    /// (a photo of the phone screen taken a minute earlier). When full, a slot whose step is already outside
    /// the acceptance window is reused first, otherwise the least recently used one. Not thread-safe: callers lock.
    /// The slots are kept in order of use, most recent first (a recorded token moves its slot to the front), so the
    /// least recently used is the last one: no use counter or in-use flag per slot (on the device two such caches,
    /// QR and BLE, of 32 slots would hold 720 bytes more heap for them).
    /// </summary>
    public sealed class TokenReplayCache
    {
        private readonly uint[] _userRefs;
        private readonly long[] _steps;
        private int _count;

        public TokenReplayCache(int capacity)
        {
            if (capacity < 1) capacity = 1;
            _userRefs = new uint[capacity];
            _steps = new long[capacity];
        }

        public int Capacity
        {
            get { return _steps.Length; }
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
            for (int i = slot; i > 0; i--)
            {
                _userRefs[i] = _userRefs[i - 1];
                _steps[i] = _steps[i - 1];
            }
            _userRefs[0] = userRef;
            _steps[0] = step;
        }

        private int Find(uint userRef)
        {
            for (int i = 0; i < _count; i++)
            {
                if (_userRefs[i] == userRef)
                {
                    return i;
                }
            }
            return -1;
        }

        /// <summary>A slot for a new user: one whose step is outside the window, an unused one, else the least recently used.</summary>
        private int FreeSlot(long oldestLiveStep)
        {
            for (int i = 0; i < _count; i++)
            {
                if (_steps[i] < oldestLiveStep)
                {
                    return i;
                }
            }
            if (_count < _steps.Length)
            {
                return _count++;
            }
            return _count - 1;
        }
    }
}

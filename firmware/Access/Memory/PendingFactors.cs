namespace DoorController.Access
{
    /// <summary>
    /// First factors waiting for their second at readers that want card + PIN: per (reader, user) whether a PIN or
    /// another credential came first, and when. A small fixed table (a handful of people stand at a reader at
    /// once); when full, the oldest waiting factor is forgotten. Allocates nothing.
    /// </summary>
    public sealed class PendingFactors
    {
        private readonly int[] _reader;
        private readonly int[] _user;
        private readonly bool[] _pin;
        private readonly long[] _at;
        private int _count;

        public PendingFactors(int capacity)
        {
            _reader = new int[capacity];
            _user = new int[capacity];
            _pin = new bool[capacity];
            _at = new long[capacity];
        }

        /// <summary>Takes the waiting factor of this person at this reader if it is the other kind and at most
        /// <paramref name="seconds"/> old; true when the pair is complete.</summary>
        public bool TakeOther(int readerId, int userId, bool isPin, long now, int seconds)
        {
            int i = Locate(readerId, userId);
            if (i < 0 || _pin[i] == isPin || now < _at[i] || now - _at[i] > seconds)
            {
                return false;
            }
            RemoveAt(i);
            return true;
        }

        /// <summary>Remembers this factor (replacing whatever this person had waiting at this reader).</summary>
        public void Put(int readerId, int userId, bool isPin, long now)
        {
            int i = Locate(readerId, userId);
            if (i < 0)
            {
                i = _count < _at.Length ? _count++ : Oldest();
            }
            if (i < 0)
            {
                return;
            }
            _reader[i] = readerId;
            _user[i] = userId;
            _pin[i] = isPin;
            _at[i] = now;
        }

        /// <summary>What this person has waiting at this reader, if anything (servers sharing one database store it
        /// between batches).</summary>
        public bool TryGet(int readerId, int userId, out bool isPin, out long at)
        {
            int i = Locate(readerId, userId);
            isPin = i >= 0 && _pin[i];
            at = i >= 0 ? _at[i] : 0;
            return i >= 0;
        }

        private int Locate(int readerId, int userId)
        {
            for (int i = 0; i < _count; i++)
            {
                if (_reader[i] == readerId && _user[i] == userId)
                {
                    return i;
                }
            }
            return -1;
        }

        private int Oldest()
        {
            if (_count == 0)
            {
                return -1;
            }
            int oldest = 0;
            for (int i = 1; i < _count; i++)
            {
                if (_at[i] < _at[oldest])
                {
                    oldest = i;
                }
            }
            return oldest;
        }

        private void RemoveAt(int i)
        {
            _count--;
            _reader[i] = _reader[_count];
            _user[i] = _user[_count];
            _pin[i] = _pin[_count];
            _at[i] = _at[_count];
        }
    }
}

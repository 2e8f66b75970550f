namespace DoorController.Access
{
    /// <summary>
    /// First uses of keys limited by their first use, by credential hash, in a fixed table (such keys are few: one-time
    /// delivery codes, cleaners' and couriers' keys). Lookups scan the table and allocate nothing. When full, the
    /// entry with the oldest first use is replaced: it belongs to the key most likely already past its validity.
    /// Also the in-RAM image of <see cref="KeyUseFile"/>.
    /// </summary>
    public sealed class KeyUseTable : IKeyUseLedger
    {
        private readonly byte[] _hashes;
        private readonly long[] _firstUse;
        private int _count;

        public KeyUseTable(int capacity)
        {
            _hashes = new byte[capacity * CredentialHasher.HashLength];
            _firstUse = new long[capacity];
        }

        public int Count
        {
            get { return _count; }
        }

        public int Capacity
        {
            get { return _firstUse.Length; }
        }

        public long FirstUse(byte[] hash, int offset)
        {
            int i = Locate(hash, offset);
            return i < 0 ? 0 : _firstUse[i];
        }

        public void RecordUse(byte[] hash, int offset, long atUnix)
        {
            Merge(hash, offset, atUnix);
        }

        /// <summary>Records a use; true when the table changed (a new key, or an earlier first use).</summary>
        public bool Merge(byte[] hash, int offset, long atUnix)
        {
            if (atUnix <= 0 || _firstUse.Length == 0)
            {
                return false;
            }
            int i = Locate(hash, offset);
            if (i >= 0)
            {
                if (atUnix >= _firstUse[i])
                {
                    return false;
                }
                _firstUse[i] = atUnix;
                return true;
            }
            i = _count < _firstUse.Length ? _count++ : Oldest();
            System.Array.Copy(hash, offset, _hashes, i * CredentialHasher.HashLength, CredentialHasher.HashLength);
            _firstUse[i] = atUnix;
            return true;
        }

        /// <summary>Copies entry <paramref name="index"/> (0..Count-1) out, for saving.</summary>
        public long EntryAt(int index, byte[] hashInto, int offset)
        {
            System.Array.Copy(_hashes, index * CredentialHasher.HashLength, hashInto, offset, CredentialHasher.HashLength);
            return _firstUse[index];
        }

        public void Clear()
        {
            _count = 0;
        }

        private int Oldest()
        {
            int oldest = 0;
            for (int i = 1; i < _count; i++)
            {
                if (_firstUse[i] < _firstUse[oldest])
                {
                    oldest = i;
                }
            }
            return oldest;
        }

        private int Locate(byte[] hash, int offset)
        {
            for (int i = 0; i < _count; i++)
            {
                int at = i * CredentialHasher.HashLength;
                int k = 0;
                while (k < CredentialHasher.HashLength && _hashes[at + k] == hash[offset + k])
                {
                    k++;
                }
                if (k == CredentialHasher.HashLength)
                {
                    return i;
                }
            }
            return -1;
        }
    }
}

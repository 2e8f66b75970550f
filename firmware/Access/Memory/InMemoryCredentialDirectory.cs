namespace DoorController.Access
{
    /// <summary>
    /// Credentials in RAM, sorted by hash and binary-searched (no allocation per lookup). Used by the server
    /// (filled from its database), by tests, and as the input of <see cref="CredentialStoreBuilder"/>.
    /// Add each hash once; to change a credential, <see cref="Clear"/> and refill, or edit the returned object.
    /// </summary>
    public sealed class InMemoryCredentialDirectory : ICredentialDirectory
    {
        private CredentialInfo[] _items = new CredentialInfo[16];
        private int _count;
        private bool _sorted = true;

        public int Count
        {
            get { return _count; }
        }

        /// <summary>Adds a credential (the object is kept, not copied) and gives it the next index.</summary>
        public CredentialInfo Add(CredentialInfo info)
        {
            if (_count == _items.Length)
            {
                CredentialInfo[] bigger = new CredentialInfo[_items.Length * 2];
                System.Array.Copy(_items, bigger, _count);
                _items = bigger;
            }
            info.Index = _count;
            _items[_count++] = info;
            _sorted = false;
            return info;
        }

        /// <summary>Convenience: a credential for <paramref name="userId"/> with the given hash and validity.</summary>
        public CredentialInfo Add(byte[] hash, int userId, CredentialMethod method, long validFromUnix, long validToUnix, int flags, int usesAllowed)
        {
            CredentialInfo info = new CredentialInfo();
            System.Array.Copy(hash, info.Hash, CredentialHasher.HashLength);
            info.UserId = userId;
            info.Method = method;
            info.ValidFromUnix = validFromUnix;
            info.ValidToUnix = validToUnix;
            info.Flags = flags;
            info.UsesAllowed = usesAllowed;
            return Add(info);
        }

        /// <summary>The i-th credential in hash order (sorts first if needed).</summary>
        public CredentialInfo At(int i)
        {
            EnsureSorted();
            return _items[i];
        }

        public void Clear()
        {
            for (int i = 0; i < _count; i++)
            {
                _items[i] = null;
            }
            _count = 0;
            _sorted = true;
        }

        public ReasonCode Find(byte[] hash, int offset, CredentialInfo into)
        {
            if (hash == null || offset < 0 || offset + CredentialHasher.HashLength > hash.Length)
            {
                return ReasonCode.UnknownCredential;
            }
            EnsureSorted();
            int lo = 0;
            int hi = _count - 1;
            while (lo <= hi)
            {
                int mid = (lo + hi) >> 1;
                int cmp = HashOrder.Compare(_items[mid].Hash, 0, hash, offset);
                if (cmp == 0)
                {
                    _items[mid].CopyTo(into);
                    return ReasonCode.Granted;
                }
                if (cmp < 0)
                {
                    lo = mid + 1;
                }
                else
                {
                    hi = mid - 1;
                }
            }
            return ReasonCode.UnknownCredential;
        }

        private void EnsureSorted()
        {
            if (!_sorted)
            {
                HashOrder.Sort(_items, _count);
                _sorted = true;
            }
        }
    }
}

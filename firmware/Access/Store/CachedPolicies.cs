namespace DoorController.Access
{
    /// <summary>
    /// Policies per reader and attribute from a controller's cache (Fig 9A), site-wide ones as reader 0; a reader-wide
    /// entry (attribute Unknown) serves every attribute without its own or a site-wide one. Each reader has a row of
    /// one-byte slots naming one of the few distinct policy objects (<see cref="PolicyPool"/> shares them), so a full
    /// table of readers and attributes costs a few hundred bytes of the controller's heap.
    /// </summary>
    public sealed class CachedPolicies : IPolicySource
    {
        private const int AttributeSlots = 8;

        private int[] _readers = new int[0];
        private byte[] _slots = new byte[0]; // per reader, per attribute: 1 + index into _policies; 0 = none
        private AccessPolicy[] _policies = new AccessPolicy[0];

        /// <summary>Sets the policy of <paramref name="attribute"/> at a reader; an attribute this build does not know is ignored.</summary>
        public void Set(int readerId, UserAttribute attribute, AccessPolicy policy)
        {
            int a = (int)attribute;
            if (a < 0 || a >= AttributeSlots || policy == null)
            {
                return;
            }
            int row = RowOf(readerId, true); // may replace _slots: read the field after it
            _slots[row * AttributeSlots + a] = (byte)(1 + IndexOf(policy));
        }

        /// <summary>Same order as <see cref="InMemoryPolicies.Find"/>: the reader's own policy for the attribute, the site-wide one (reader <see cref="InMemoryPolicies.SiteWide"/>), the reader's policy for every attribute.</summary>
        public AccessPolicy Find(int readerId, UserAttribute attribute)
        {
            AccessPolicy p = Exact(readerId, attribute);
            if (p == null)
            {
                p = Exact(InMemoryPolicies.SiteWide, attribute);
            }
            if (p == null)
            {
                p = Exact(readerId, UserAttribute.Unknown);
            }
            return p;
        }

        /// <summary>Only the entry set for exactly this reader (or the site) and attribute, without fallbacks.</summary>
        public AccessPolicy Exact(int readerId, UserAttribute attribute)
        {
            int row = RowOf(readerId, false);
            int a = (int)attribute;
            if (row < 0 || a < 0 || a >= AttributeSlots)
            {
                return null;
            }
            int slot = _slots[row * AttributeSlots + a];
            return slot == 0 ? null : _policies[slot - 1];
        }

        private int RowOf(int readerId, bool add)
        {
            for (int i = 0; i < _readers.Length; i++)
            {
                if (_readers[i] == readerId) return i;
            }
            if (!add)
            {
                return -1;
            }
            int n = _readers.Length;
            int[] readers = new int[n + 1];
            byte[] slots = new byte[(n + 1) * AttributeSlots];
            System.Array.Copy(_readers, readers, n);
            System.Array.Copy(_slots, slots, _slots.Length);
            readers[n] = readerId;
            _readers = readers;
            _slots = slots;
            return n;
        }

        private int IndexOf(AccessPolicy policy)
        {
            for (int i = 0; i < _policies.Length; i++)
            {
                if (ReferenceEquals(_policies[i], policy)) return i;
            }
            AccessPolicy[] grown = new AccessPolicy[_policies.Length + 1];
            System.Array.Copy(_policies, grown, _policies.Length);
            grown[_policies.Length] = policy;
            _policies = grown;
            return _policies.Length - 1;
        }
    }
}

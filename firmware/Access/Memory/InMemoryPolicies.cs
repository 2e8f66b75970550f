namespace DoorController.Access
{
    /// <summary>
    /// Policies per reader and attribute (Fig 9A) in RAM. Lookup order: the reader's own policy for the attribute, the
    /// site-wide policy for the attribute (reader <see cref="SiteWide"/>), the reader's policy for every attribute
    /// (<see cref="UserAttribute.Unknown"/>); none found = the pipeline's default.
    /// </summary>
    public sealed class InMemoryPolicies : IPolicySource
    {
        /// <summary>Reader id of a policy that holds at every reader (set once per site).</summary>
        public const int SiteWide = 0;

        private const int AttributeSlots = 16;
        private readonly IntMap _map = new IntMap();

        /// <summary>Sets the policy of <paramref name="attribute"/> at a reader (or <see cref="SiteWide"/>); Unknown sets the reader-wide fallback.</summary>
        public AccessPolicy Set(int readerId, UserAttribute attribute, AccessPolicy policy)
        {
            _map.Put(Key(readerId, attribute), policy);
            return policy;
        }

        public AccessPolicy Find(int readerId, UserAttribute attribute)
        {
            object p = _map.Get(Key(readerId, attribute));
            if (p == null)
            {
                p = _map.Get(Key(SiteWide, attribute));
            }
            if (p == null)
            {
                p = _map.Get(Key(readerId, UserAttribute.Unknown));
            }
            return (AccessPolicy)p;
        }

        /// <summary>Only the entry set for exactly this reader (or <see cref="SiteWide"/>) and attribute, without fallbacks.</summary>
        public AccessPolicy Exact(int readerId, UserAttribute attribute)
        {
            return (AccessPolicy)_map.Get(Key(readerId, attribute));
        }

        private static int Key(int readerId, UserAttribute attribute)
        {
            return readerId * AttributeSlots + (int)attribute;
        }
    }
}

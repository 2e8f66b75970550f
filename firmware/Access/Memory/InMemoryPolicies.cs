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

        /// <summary>Slots per reader, one per <see cref="UserAttribute"/> value (0 = any attribute).</summary>
        private const int AttributeSlots = 8;
        private readonly IntMap _byReader = new IntMap();

        /// <summary>Sets the policy of <paramref name="attribute"/> at a reader (or <see cref="SiteWide"/>); Unknown sets the reader-wide fallback; an attribute this build does not know is ignored.</summary>
        public AccessPolicy Set(int readerId, UserAttribute attribute, AccessPolicy policy)
        {
            if ((int)attribute < 0 || (int)attribute >= AttributeSlots)
            {
                return policy;
            }
            AccessPolicy[] slots = (AccessPolicy[])_byReader.Get(readerId);
            if (slots == null)
            {
                slots = new AccessPolicy[AttributeSlots];
                _byReader.Put(readerId, slots);
            }
            slots[(int)attribute] = policy;
            return policy;
        }

        public AccessPolicy Find(int readerId, UserAttribute attribute)
        {
            AccessPolicy p = Exact(readerId, attribute);
            if (p == null)
            {
                p = Exact(SiteWide, attribute);
            }
            if (p == null)
            {
                p = Exact(readerId, UserAttribute.Unknown);
            }
            return p;
        }

        /// <summary>Only the entry set for exactly this reader (or <see cref="SiteWide"/>) and attribute, without fallbacks.</summary>
        public AccessPolicy Exact(int readerId, UserAttribute attribute)
        {
            AccessPolicy[] slots = (AccessPolicy[])_byReader.Get(readerId);
            int a = (int)attribute;
            return slots == null || a < 0 || a >= AttributeSlots ? null : slots[a];
        }
    }
}

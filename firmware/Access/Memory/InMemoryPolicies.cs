namespace DoorController.Access
{
    /// <summary>Policies per reader and attribute (Fig 9A) in RAM; a reader-wide entry serves every attribute without its own.</summary>
    public sealed class InMemoryPolicies : IPolicySource
    {
        /// <summary>Slots per reader, one per <see cref="UserAttribute"/> value (0 = any attribute).</summary>
        private const int AttributeSlots = 8;
        private readonly IntMap _byReader = new IntMap();

        /// <summary>Sets the policy of <paramref name="attribute"/> at a reader; Unknown sets the reader-wide fallback; an attribute this build does not know is ignored.</summary>
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
            AccessPolicy[] slots = (AccessPolicy[])_byReader.Get(readerId);
            if (slots == null)
            {
                return null;
            }
            AccessPolicy p = slots[Slot(attribute)];
            return p ?? slots[(int)UserAttribute.Unknown];
        }

        private static int Slot(UserAttribute attribute)
        {
            int a = (int)attribute;
            return a > 0 && a < AttributeSlots ? a : (int)UserAttribute.Unknown;
        }
    }
}

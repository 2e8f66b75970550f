namespace DoorController.Access
{
    /// <summary>Policies per reader and attribute (Fig 9A) in RAM; a reader-wide entry serves every attribute without its own.</summary>
    public sealed class InMemoryPolicies : IPolicySource
    {
        private const int AttributeSlots = 16;
        private readonly IntMap _map = new IntMap();

        /// <summary>Sets the policy of <paramref name="attribute"/> at a reader; Unknown sets the reader-wide fallback.</summary>
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
                p = _map.Get(Key(readerId, UserAttribute.Unknown));
            }
            return (AccessPolicy)p;
        }

        private static int Key(int readerId, UserAttribute attribute)
        {
            return readerId * AttributeSlots + (int)attribute;
        }
    }
}

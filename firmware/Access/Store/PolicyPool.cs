namespace DoorController.Access
{
    /// <summary>
    /// While a site config loads: one <see cref="AccessPolicy"/> object per distinct encoding, however many readers and
    /// attributes use it. A site sets the same policy for most reader-attribute pairs, and each object costs 180
    /// bytes of the controller's heap.
    /// </summary>
    public sealed class PolicyPool
    {
        private readonly byte[] _config;
        private readonly int[] _offsets = new int[SiteCacheFormat.MaxDistinctPolicies];
        private readonly int[] _lengths = new int[SiteCacheFormat.MaxDistinctPolicies];
        private readonly AccessPolicy[] _policies = new AccessPolicy[SiteCacheFormat.MaxDistinctPolicies];
        private int _count;

        /// <param name="config">The config bytes the policies are read from (kept for comparing encodings).</param>
        public PolicyPool(byte[] config)
        {
            _config = config;
        }

        /// <summary>
        /// The policy encoded at <paramref name="offset"/> (<paramref name="length"/> bytes), shared with an identical
        /// earlier one; null when it would be one distinct policy more than <see cref="SiteCacheFormat.MaxDistinctPolicies"/>.
        /// </summary>
        public AccessPolicy Share(AccessPolicy decoded, int offset, int length)
        {
            for (int i = 0; i < _count; i++)
            {
                if (_lengths[i] == length && Same(_offsets[i], offset, length))
                {
                    return _policies[i];
                }
            }
            if (_count == _policies.Length)
            {
                return null;
            }
            _offsets[_count] = offset;
            _lengths[_count] = length;
            _policies[_count++] = decoded;
            return decoded;
        }

        private bool Same(int a, int b, int length)
        {
            for (int i = 0; i < length; i++)
            {
                if (_config[a + i] != _config[b + i])
                {
                    return false;
                }
            }
            return true;
        }
    }
}

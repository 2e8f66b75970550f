namespace DoorController.Access
{
    /// <summary>
    /// int key → object for the few entries of a controller's cache (<see cref="SiteCacheFormat"/> caps them): two
    /// exact-size arrays searched in order, grown by one at each add while the cache loads. Far smaller on the
    /// controller's heap than a hash map for a dozen entries; lookups allocate nothing.
    /// </summary>
    public sealed class SmallTable
    {
        private int[] _keys = new int[0];
        private object[] _values = new object[0];

        public int Count
        {
            get { return _keys.Length; }
        }

        /// <summary>Sets the value of <paramref name="key"/> (a later set of the same key wins).</summary>
        public void Put(int key, object value)
        {
            int i = IndexOf(key);
            if (i >= 0)
            {
                _values[i] = value;
                return;
            }
            int n = _keys.Length;
            int[] keys = new int[n + 1];
            object[] values = new object[n + 1];
            System.Array.Copy(_keys, keys, n);
            System.Array.Copy(_values, values, n);
            keys[n] = key;
            values[n] = value;
            _keys = keys;
            _values = values;
        }

        /// <summary>The value of <paramref name="key"/>, or null.</summary>
        public object Get(int key)
        {
            int i = IndexOf(key);
            return i < 0 ? null : _values[i];
        }

        private int IndexOf(int key)
        {
            for (int i = 0; i < _keys.Length; i++)
            {
                if (_keys[i] == key)
                {
                    return i;
                }
            }
            return -1;
        }
    }
}

namespace DoorController.Access
{
    /// <summary>
    /// int → object map with open addressing. Exists because Hashtable boxes an int key on every lookup (an
    /// allocation per decision on the device); lookups here allocate nothing. Starts small (the controller's site config
    /// holds a few readers, doors and areas) and grows by doubling on insert.
    /// </summary>
    public sealed class IntMap
    {
        private int[] _keys;
        private object[] _values;
        private bool[] _used;
        private int _count;

        public IntMap() : this(4)
        {
        }

        public IntMap(int capacity)
        {
            int size = 8;
            while (size < capacity * 2)
            {
                size <<= 1;
            }
            _keys = new int[size];
            _values = new object[size];
            _used = new bool[size];
        }

        public int Count
        {
            get { return _count; }
        }

        /// <summary>The value for <paramref name="key"/>, or null.</summary>
        public object Get(int key)
        {
            int mask = _keys.Length - 1;
            int i = Slot(key, mask);
            while (_used[i])
            {
                if (_keys[i] == key)
                {
                    return _values[i];
                }
                i = (i + 1) & mask;
            }
            return null;
        }

        public void Put(int key, object value)
        {
            if ((_count + 1) * 2 > _keys.Length)
            {
                Grow();
            }
            int mask = _keys.Length - 1;
            int i = Slot(key, mask);
            while (_used[i])
            {
                if (_keys[i] == key)
                {
                    _values[i] = value;
                    return;
                }
                i = (i + 1) & mask;
            }
            _used[i] = true;
            _keys[i] = key;
            _values[i] = value;
            _count++;
        }

        /// <summary>Every value, in slot order (for enumeration by tools; allocates).</summary>
        public object[] Values()
        {
            object[] result = new object[_count];
            int n = 0;
            for (int i = 0; i < _keys.Length; i++)
            {
                if (_used[i])
                {
                    result[n++] = _values[i];
                }
            }
            return result;
        }

        public void Clear()
        {
            for (int i = 0; i < _keys.Length; i++)
            {
                _used[i] = false;
                _values[i] = null;
            }
            _count = 0;
        }

        private static int Slot(int key, int mask)
        {
            uint h = (uint)key * 0x9E3779B1u; // Fibonacci hashing spreads sequential ids
            return (int)(h >> 8) & mask;
        }

        private void Grow()
        {
            int[] keys = _keys;
            object[] values = _values;
            bool[] used = _used;
            _keys = new int[keys.Length * 2];
            _values = new object[keys.Length * 2];
            _used = new bool[keys.Length * 2];
            _count = 0;
            for (int i = 0; i < keys.Length; i++)
            {
                if (used[i])
                {
                    Put(keys[i], values[i]);
                }
            }
        }
    }
}

using System;

namespace DoorController.Core
{
    /// <summary>
    /// Key → value map for device code, in managed code. Exists because the native Hashtable of nanoCLR 1.x faults
    /// (a CPU fault, not an exception) on a lookup of a key whose hash code is 0 - 0, false, '\0', "" - once a Remove
    /// or Clear has emptied a bucket, and can store a key twice after a Remove (nanoframework-api.md section 4);
    /// tools/nfcheck therefore rejects Hashtable in device code (NF020). Open addressing with linear probing; a Remove
    /// shifts the following entries back instead of leaving a marker, so a key has one slot and every probe ends
    /// at an empty one. Keys compare with Equals, like Hashtable's; null keys are refused. Not thread-safe.
    /// </summary>
    public sealed class ObjectMap
    {
        private object[] _keys;
        private object[] _values;
        private int _count;

        public ObjectMap() : this(8)
        {
        }

        public ObjectMap(int capacity)
        {
            int size = 8;
            while (size < capacity * 2)
            {
                size <<= 1;
            }
            _keys = new object[size];
            _values = new object[size];
        }

        public int Count
        {
            get { return _count; }
        }

        /// <summary>The value stored for <paramref name="key"/>, or null when there is none; setting adds or replaces.</summary>
        public object this[object key]
        {
            get
            {
                int slot = Find(key);
                return slot < 0 ? null : _values[slot];
            }
            set
            {
                Put(key, value);
            }
        }

        public bool Contains(object key)
        {
            return Find(key) >= 0;
        }

        public void Remove(object key)
        {
            int slot = Find(key);
            if (slot < 0)
            {
                return;
            }
            int mask = _keys.Length - 1;
            _keys[slot] = null;
            _values[slot] = null;
            _count--;
            // Backward shift: move each later entry of the same run into the hole when its home slot does not lie
            // cyclically between the hole and its current slot, so no probe for it meets an empty slot first.
            int hole = slot;
            for (int i = (slot + 1) & mask; _keys[i] != null; i = (i + 1) & mask)
            {
                int home = Home(_keys[i], mask);
                bool stays = hole <= i ? hole < home && home <= i : hole < home || home <= i;
                if (!stays)
                {
                    _keys[hole] = _keys[i];
                    _values[hole] = _values[i];
                    _keys[i] = null;
                    _values[i] = null;
                    hole = i;
                }
            }
        }

        public void Clear()
        {
            for (int i = 0; i < _keys.Length; i++)
            {
                _keys[i] = null;
                _values[i] = null;
            }
            _count = 0;
        }

        /// <summary>The keys, in slot order (a new array: the map may change while the caller walks it).</summary>
        public object[] Keys()
        {
            object[] keys = new object[_count];
            int n = 0;
            for (int i = 0; i < _keys.Length; i++)
            {
                if (_keys[i] != null)
                {
                    keys[n++] = _keys[i];
                }
            }
            return keys;
        }

        private void Put(object key, object value)
        {
            int slot = Find(key);
            if (slot >= 0)
            {
                _values[slot] = value;
                return;
            }
            if ((_count + 1) * 2 > _keys.Length)
            {
                Grow();
            }
            int mask = _keys.Length - 1;
            int i = Home(key, mask);
            while (_keys[i] != null)
            {
                i = (i + 1) & mask;
            }
            _keys[i] = key;
            _values[i] = value;
            _count++;
        }

        /// <summary>The slot holding <paramref name="key"/>, or -1.</summary>
        private int Find(object key)
        {
            if (key == null)
            {
                throw new ArgumentNullException("key");
            }
            int mask = _keys.Length - 1;
            for (int i = Home(key, mask); _keys[i] != null; i = (i + 1) & mask)
            {
                if (_keys[i].Equals(key))
                {
                    return i;
                }
            }
            return -1;
        }

        private static int Home(object key, int mask)
        {
            uint h = (uint)key.GetHashCode() * 0x9E3779B1u; // Fibonacci hashing spreads sequential and small hash codes
            return (int)(h >> 7) & mask;
        }

        private void Grow()
        {
            object[] keys = _keys;
            object[] values = _values;
            _keys = new object[keys.Length * 2];
            _values = new object[keys.Length * 2];
            _count = 0;
            for (int i = 0; i < keys.Length; i++)
            {
                if (keys[i] != null)
                {
                    Put(keys[i], values[i]);
                }
            }
        }
    }
}

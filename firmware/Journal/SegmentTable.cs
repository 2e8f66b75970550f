namespace DoorController.Journal
{
    /// <summary>
    /// What the journal knows about its segment files without reading them again, oldest first, in parallel arrays
    /// (one object for the whole table, not one per segment: a 32-segment journal keeps under 1 KB of it on the
    /// heap). Index 0 is the oldest segment, <see cref="Count"/> - 1 the one that takes appends.
    /// </summary>
    public sealed class SegmentTable
    {
        private uint[] _number;
        private int[] _length;
        private int[] _records;
        private long[] _firstId;
        private long[] _lastId;
        private byte[] _state;
        private int _count;

        public SegmentTable(int capacity)
        {
            Allocate(capacity < 1 ? 1 : capacity);
        }

        public int Count
        {
            get { return _count; }
        }

        public uint Number(int i) { return _number[i]; }

        /// <summary>Bytes in use: the end of the last valid record (or of the header); appends go here.</summary>
        public int Length(int i) { return _length[i]; }

        /// <summary>Valid records in the segment, and the first and last of their ids (0 when empty).</summary>
        public int Records(int i) { return _records[i]; }
        public long FirstId(int i) { return _firstId[i]; }
        public long LastId(int i) { return _lastId[i]; }

        /// <summary>Could not be read at recovery: kept (never deleted, never appended to) so a later boot can retry.</summary>
        public bool Unreadable(int i) { return _state[i] == StateUnreadable; }

        /// <summary>Takes no appends: unreadable, written by an older firmware in the legacy format (replayed, then
        /// reclaimed), or without a valid header (torn at creation).</summary>
        public bool Sealed(int i) { return _state[i] != StateOpen; }

        private const byte StateOpen = 0;
        private const byte StateUnreadable = 1;
        private const byte StateSealed = 2;

        public void Clear()
        {
            _count = 0;
        }

        /// <summary>Adds a segment holding no records yet, <paramref name="length"/> bytes long; returns its index.</summary>
        public int Add(uint number, int length)
        {
            if (_count == _number.Length)
            {
                Grow();
            }
            int i = _count++;
            _number[i] = number;
            _length[i] = length;
            _records[i] = 0;
            _firstId[i] = 0;
            _lastId[i] = 0;
            _state[i] = StateOpen;
            return i;
        }

        /// <summary>Records what a scan found: valid length, record count, first and last id.</summary>
        public void SetScanned(int i, int length, int records, long firstId, long lastId)
        {
            _length[i] = length;
            _records[i] = records;
            _firstId[i] = firstId;
            _lastId[i] = lastId;
        }

        /// <summary>A segment that could not be read counts as full and empty: appends roll past it.</summary>
        public void SetUnreadable(int i, int length)
        {
            SetScanned(i, length, 0, 0, 0);
            _state[i] = StateUnreadable;
        }

        /// <summary>A segment appends must not go to (legacy format, or no valid header); its records are still replayed.</summary>
        public void SetSealed(int i)
        {
            _state[i] = StateSealed;
        }

        /// <summary>One record of <paramref name="size"/> bytes with id <paramref name="id"/> was appended to segment <paramref name="i"/>.</summary>
        public void Appended(int i, int size, long id)
        {
            _length[i] += size;
            _records[i]++;
            if (_firstId[i] == 0)
            {
                _firstId[i] = id;
            }
            _lastId[i] = id;
        }

        public void RemoveAt(int i)
        {
            for (int k = i + 1; k < _count; k++)
            {
                _number[k - 1] = _number[k];
                _length[k - 1] = _length[k];
                _records[k - 1] = _records[k];
                _firstId[k - 1] = _firstId[k];
                _lastId[k - 1] = _lastId[k];
                _state[k - 1] = _state[k];
            }
            _count--;
        }

        /// <summary>More segments on flash than configured (a board set to a smaller journal): room for them too.</summary>
        private void Grow()
        {
            uint[] number = _number;
            int[] length = _length;
            int[] records = _records;
            long[] firstId = _firstId;
            long[] lastId = _lastId;
            byte[] state = _state;
            Allocate(number.Length * 2);
            System.Array.Copy(number, _number, _count);
            System.Array.Copy(length, _length, _count);
            System.Array.Copy(records, _records, _count);
            System.Array.Copy(firstId, _firstId, _count);
            System.Array.Copy(lastId, _lastId, _count);
            System.Array.Copy(state, _state, _count);
        }

        private void Allocate(int capacity)
        {
            _number = new uint[capacity];
            _length = new int[capacity];
            _records = new int[capacity];
            _firstId = new long[capacity];
            _lastId = new long[capacity];
            _state = new byte[capacity];
        }
    }
}

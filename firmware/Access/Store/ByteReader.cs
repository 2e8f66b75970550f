using System.Text;
using DoorController.Core;

namespace DoorController.Access
{
    /// <summary>
    /// Bounds-checked little-endian reader over a byte array. Reading past the end sets <see cref="Failed"/> and
    /// returns zeros instead of throwing, so a damaged cache is rejected by checking one flag.
    /// </summary>
    public sealed class ByteReader
    {
        private readonly byte[] _data;
        private readonly int _end;
        private int _position;

        public ByteReader(byte[] data, int offset, int count)
        {
            _data = data;
            _position = offset;
            _end = offset + count;
        }

        public bool Failed;

        public int Position
        {
            get { return _position; }
            set { _position = value; }
        }

        public int Remaining
        {
            get { return _end - _position; }
        }

        private bool Take(int n)
        {
            if (Failed || _position + n > _end)
            {
                Failed = true;
                return false;
            }
            return true;
        }

        public int Byte()
        {
            return Take(1) ? _data[_position++] : 0;
        }

        public int UInt16()
        {
            if (!Take(2)) return 0;
            int v = LittleEndian.ReadUInt16(_data, _position);
            _position += 2;
            return v;
        }

        public int Int32()
        {
            if (!Take(4)) return 0;
            int v = LittleEndian.ReadInt32(_data, _position);
            _position += 4;
            return v;
        }

        public long Int64()
        {
            if (!Take(8)) return 0;
            long v = LittleEndian.ReadInt64(_data, _position);
            _position += 8;
            return v;
        }

        public double Double()
        {
            return System.BitConverter.Int64BitsToDouble(Int64());
        }

        public string String()
        {
            int n = Byte();
            if (n == 0 || !Take(n))
            {
                return null;
            }
            string s = Encoding.UTF8.GetString(_data, _position, n);
            _position += n;
            return s;
        }
    }
}

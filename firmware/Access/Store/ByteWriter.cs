using System.Text;
using DoorController.Core;

namespace DoorController.Access
{
    /// <summary>Growing byte buffer: little-endian records for the cache writers (server side), UTF-8 text for the
    /// contract's JSON writer (both sides). Allocates as it grows.</summary>
    public sealed class ByteWriter
    {
        private byte[] _buffer = new byte[256];
        private int _length;

        public int Length
        {
            get { return _length; }
        }

        public byte[] ToArray()
        {
            byte[] result = new byte[_length];
            System.Array.Copy(_buffer, result, _length);
            return result;
        }

        public void Byte(int value)
        {
            Ensure(1);
            _buffer[_length++] = (byte)value;
        }

        public void UInt16(int value)
        {
            Ensure(2);
            LittleEndian.WriteUInt16(_buffer, _length, (ushort)value);
            _length += 2;
        }

        public void Int32(int value)
        {
            Ensure(4);
            LittleEndian.WriteInt32(_buffer, _length, value);
            _length += 4;
        }

        public void Int64(long value)
        {
            Ensure(8);
            LittleEndian.WriteInt64(_buffer, _length, value);
            _length += 8;
        }

        public void Double(double value)
        {
            Int64(System.BitConverter.DoubleToInt64Bits(value));
        }

        /// <summary>Length byte + UTF-8, cut to <paramref name="maxBytes"/> (at most 255) at a character boundary; null is written as empty.</summary>
        public void String(string value, int maxBytes)
        {
            byte[] bytes = value == null ? new byte[0] : Encoding.UTF8.GetBytes(value);
            int n = bytes.Length;
            if (n > maxBytes)
            {
                n = maxBytes;
                while (n > 0 && (bytes[n] & 0xC0) == 0x80)
                {
                    n--; // do not split a multi-byte character
                }
            }
            Byte(n);
            Bytes(bytes, 0, n);
        }

        public void Bytes(byte[] data, int offset, int count)
        {
            Ensure(count);
            System.Array.Copy(data, offset, _buffer, _length, count);
            _length += count;
        }

        /// <summary>Overwrites a 16-bit value written earlier (entry lengths).</summary>
        public void PatchUInt16(int position, int value)
        {
            LittleEndian.WriteUInt16(_buffer, position, (ushort)value);
        }

        public void PatchInt32(int position, int value)
        {
            LittleEndian.WriteInt32(_buffer, position, value);
        }

        private void Ensure(int extra)
        {
            if (_length + extra <= _buffer.Length)
            {
                return;
            }
            int size = _buffer.Length * 2;
            while (size < _length + extra)
            {
                size *= 2;
            }
            byte[] bigger = new byte[size];
            System.Array.Copy(_buffer, bigger, _length);
            _buffer = bigger;
        }
    }
}

using System.Text;

namespace DoorController.Contract
{
    /// <summary>
    /// Compact binary writer for event payloads: integers as zigzag LEB128 varints, booleans as one byte, strings and
    /// byte strings as a varint length then the bytes (UTF-8 for strings). Writes into a caller-owned buffer and never
    /// allocates; running past the limit sets <see cref="Overflowed"/> instead of throwing.
    /// </summary>
    public sealed class PayloadWriter
    {
        private byte[] _buffer;
        private int _start;
        private int _position;
        private int _limit;
        private bool _overflowed;

        public PayloadWriter()
        {
        }

        public PayloadWriter(byte[] buffer)
        {
            Reset(buffer, 0, buffer.Length);
        }

        /// <summary>Points the writer at <paramref name="capacity"/> bytes of <paramref name="buffer"/> from <paramref name="offset"/>.</summary>
        public void Reset(byte[] buffer, int offset, int capacity)
        {
            _buffer = buffer;
            _start = offset;
            _position = offset;
            _limit = offset + capacity;
            _overflowed = false;
        }

        public byte[] Buffer { get { return _buffer; } }

        public int Offset { get { return _start; } }

        /// <summary>Bytes written since the last Reset.</summary>
        public int Length { get { return _position - _start; } }

        /// <summary>True when a write did not fit; the payload is then incomplete and must not be used.</summary>
        public bool Overflowed { get { return _overflowed; } }

        public void WriteByte(int value)
        {
            if (_position >= _limit)
            {
                _overflowed = true;
                return;
            }
            _buffer[_position++] = (byte)value;
        }

        public void WriteBool(bool value)
        {
            WriteByte(value ? 1 : 0);
        }

        public void WriteInt32(int value)
        {
            WriteVarUInt64((ulong)(uint)((value << 1) ^ (value >> 31)));
        }

        public void WriteInt64(long value)
        {
            WriteVarUInt64((ulong)((value << 1) ^ (value >> 63)));
        }

        public void WriteBytes(byte[] data, int offset, int count)
        {
            if (data == null)
            {
                count = 0;
            }
            WriteVarUInt64((ulong)count);
            if (_position + count > _limit)
            {
                _overflowed = true;
                return;
            }
            if (count > 0)
            {
                System.Array.Copy(data, offset, _buffer, _position, count);
                _position += count;
            }
        }

        public void WriteBytes(byte[] data)
        {
            WriteBytes(data, 0, data == null ? 0 : data.Length);
        }

        /// <summary>Writes a string as UTF-8; null is written as the empty string.</summary>
        public void WriteString(string value)
        {
            int byteCount = value == null ? 0 : Utf8Length(value);
            WriteVarUInt64((ulong)byteCount);
            if (byteCount == 0)
            {
                return;
            }
            if (_position + byteCount > _limit)
            {
                _overflowed = true;
                return;
            }
            _position += Encoding.UTF8.GetBytes(value, 0, value.Length, _buffer, _position);
        }

        private void WriteVarUInt64(ulong value)
        {
            while (value >= 0x80)
            {
                WriteByte((int)(value & 0x7F) | 0x80);
                value >>= 7;
            }
            WriteByte((int)value);
        }

        /// <summary>UTF-8 size of a string, counted without encoding it (a surrogate pair is 4 bytes).</summary>
        private static int Utf8Length(string value)
        {
            int count = 0;
            for (int i = 0; i < value.Length; i++)
            {
                char c = value[i];
                if (c < 0x80)
                {
                    count += 1;
                }
                else if (c < 0x800)
                {
                    count += 2;
                }
                else if (c >= 0xD800 && c <= 0xDBFF && i + 1 < value.Length && value[i + 1] >= 0xDC00 && value[i + 1] <= 0xDFFF)
                {
                    count += 4;
                    i++;
                }
                else
                {
                    count += 3;
                }
            }
            return count;
        }
    }
}

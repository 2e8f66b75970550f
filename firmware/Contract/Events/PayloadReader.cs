using System;
using System.Text;

namespace DoorController.Contract
{
    /// <summary>
    /// Reads what <see cref="PayloadWriter"/> wrote. Never throws: reading past the end or a malformed field sets
    /// <see cref="Failed"/> and returns a zero value, so a decoder checks once at the end.
    /// </summary>
    public sealed class PayloadReader
    {
        private byte[] _buffer;
        private int _position;
        private int _end;
        private bool _failed;

        public PayloadReader()
        {
        }

        public PayloadReader(byte[] buffer, int offset, int count)
        {
            Reset(buffer, offset, count);
        }

        public void Reset(byte[] buffer, int offset, int count)
        {
            _buffer = buffer;
            _position = offset;
            _end = offset + count;
            _failed = buffer == null || offset < 0 || count < 0 || offset + count > buffer.Length;
        }

        public bool Failed { get { return _failed; } }

        /// <summary>Bytes left unread (a newer firmware may append fields; older readers ignore them).</summary>
        public int Remaining { get { return _failed ? 0 : _end - _position; } }

        public int ReadByte()
        {
            if (_failed || _position >= _end)
            {
                _failed = true;
                return 0;
            }
            return _buffer[_position++];
        }

        public bool ReadBool()
        {
            int value = ReadByte();
            if (value > 1)
            {
                _failed = true;
            }
            return value == 1;
        }

        public int ReadInt32()
        {
            ulong raw = ReadVarUInt64();
            if (raw > 0xFFFFFFFFUL)
            {
                _failed = true;
                return 0;
            }
            uint zigzag = (uint)raw;
            return (int)(zigzag >> 1) ^ -(int)(zigzag & 1);
        }

        public long ReadInt64()
        {
            ulong zigzag = ReadVarUInt64();
            return (long)(zigzag >> 1) ^ -(long)(zigzag & 1);
        }

        /// <summary>Reads a byte string into a new array (null on failure).</summary>
        public byte[] ReadBytes()
        {
            int count = ReadLength();
            if (_failed)
            {
                return null;
            }
            byte[] result = new byte[count];
            Array.Copy(_buffer, _position, result, 0, count);
            _position += count;
            return result;
        }

        public string ReadString()
        {
            int count = ReadLength();
            if (_failed)
            {
                return null;
            }
            if (count == 0)
            {
                return "";
            }
            string result;
            try
            {
                result = Encoding.UTF8.GetString(_buffer, _position, count);
            }
            catch (Exception)
            {
                _failed = true;
                return null;
            }
            _position += count;
            return result;
        }

        private int ReadLength()
        {
            ulong count = ReadVarUInt64();
            if (_failed || count > (ulong)(_end - _position))
            {
                _failed = true;
                return 0;
            }
            return (int)count;
        }

        private ulong ReadVarUInt64()
        {
            ulong value = 0;
            for (int shift = 0; shift < 64; shift += 7)
            {
                int b = ReadByte();
                if (_failed)
                {
                    return 0;
                }
                value |= (ulong)(b & 0x7F) << shift;
                if ((b & 0x80) == 0)
                {
                    return value;
                }
            }
            _failed = true;
            return 0;
        }
    }
}

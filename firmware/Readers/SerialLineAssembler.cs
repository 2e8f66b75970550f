using System.Text;

namespace DoorController.Readers
{
    /// <summary>
    /// Turns the byte stream of a UART scanner into lines (CR, LF or CRLF terminated). Bytes outside printable
    /// ASCII become '?' so the text is always valid (the token format is ASCII; anything else will simply not
    /// verify). Overlong lines are dropped whole, never cut into a shorter "valid-looking" line.
    /// </summary>
    public sealed class SerialLineAssembler
    {
        private readonly byte[] _buffer;
        private int _length;
        private bool _overflowed;
        private bool _ready;

        public SerialLineAssembler(int maximumLength)
        {
            _buffer = new byte[maximumLength < 1 ? 1 : maximumLength];
        }

        public int DroppedLines { get; private set; }

        /// <summary>Adds one byte; true when a complete line can be taken with <see cref="TakeLine"/>.</summary>
        public bool Append(byte value)
        {
            if (_ready)
            {
                return true; // the caller must take the line first
            }
            if (value == 13 || value == 10)
            {
                if (_overflowed)
                {
                    DroppedLines++;
                    _overflowed = false;
                    _length = 0;
                    return false;
                }
                _ready = _length > 0;
                return _ready;
            }
            if (_length == _buffer.Length)
            {
                _overflowed = true;
                return false;
            }
            _buffer[_length++] = value >= 0x20 && value <= 0x7E ? value : (byte)'?';
            return false;
        }

        public string TakeLine()
        {
            if (!_ready)
            {
                return null;
            }
            string line = Encoding.UTF8.GetString(_buffer, 0, _length);
            _length = 0;
            _ready = false;
            return line;
        }
    }
}

namespace DoorController.Provisioning
{
    /// <summary>
    /// Turns the byte stream from the serial line into command lines. Accepts CR, LF or CRLF endings and
    /// backspace/DEL editing. A line longer than <see cref="MaxLineLength"/>, or one holding bytes outside
    /// printable ASCII (line noise, a wrong baud rate, a binary upload), is dropped whole when it ends, so garbage
    /// can never become a command and the buffer never grows.
    /// </summary>
    public sealed class ConsoleLineAssembler
    {
        public const int MaxLineLength = 256;

        private const byte Backspace = 0x08;
        private const byte Delete = 0x7F;
        private const byte CtrlC = 0x03;

        private readonly char[] _chars = new char[MaxLineLength];
        private int _length;
        private bool _overflow;
        private bool _binary;
        private bool _afterCr;
        private string _completed;

        /// <summary>Characters typed so far on the current line (for echo masking).</summary>
        public char[] Buffer
        {
            get { return _chars; }
        }

        public int Length
        {
            get { return _length; }
        }

        /// <summary>True while the current line is already doomed (too long or binary): no echo needed.</summary>
        public bool Discarding
        {
            get { return _overflow || _binary; }
        }

        public ConsoleLineEvent Feed(byte b)
        {
            if (b == (byte)'\n' && _afterCr)
            {
                _afterCr = false;
                return ConsoleLineEvent.None;
            }
            _afterCr = b == (byte)'\r';
            if (b == (byte)'\r' || b == (byte)'\n')
            {
                return Finish();
            }
            if (b == CtrlC)
            {
                Reset();
                return ConsoleLineEvent.Cancelled;
            }
            if (b == Backspace || b == Delete)
            {
                if (Discarding || _length == 0)
                {
                    return ConsoleLineEvent.None;
                }
                _length--;
                return ConsoleLineEvent.Erased;
            }
            if (b == (byte)'\t')
            {
                b = (byte)' ';
            }
            if (b < 0x20 || b > 0x7E)
            {
                _binary = true;
                return ConsoleLineEvent.None;
            }
            if (_length >= MaxLineLength)
            {
                _overflow = true;
                return ConsoleLineEvent.None;
            }
            if (Discarding)
            {
                return ConsoleLineEvent.None;
            }
            _chars[_length++] = (char)b;
            return ConsoleLineEvent.Appended;
        }

        /// <summary>The line completed by the last <see cref="ConsoleLineEvent.Completed"/>.</summary>
        public string TakeLine()
        {
            string line = _completed;
            _completed = null;
            return line;
        }

        private ConsoleLineEvent Finish()
        {
            ConsoleLineEvent result;
            if (_overflow)
            {
                result = ConsoleLineEvent.TooLong;
            }
            else if (_binary)
            {
                result = ConsoleLineEvent.Binary;
            }
            else if (_length == 0)
            {
                result = ConsoleLineEvent.Empty;
            }
            else
            {
                _completed = new string(_chars, 0, _length);
                result = ConsoleLineEvent.Completed;
            }
            Reset();
            return result;
        }

        private void Reset()
        {
            _length = 0;
            _overflow = false;
            _binary = false;
        }
    }
}

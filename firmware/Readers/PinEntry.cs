using DoorController.Access;

namespace DoorController.Readers
{
    /// <summary>
    /// Keypad PIN collection: digits accumulate, '#' submits, '*' clears, and a pause longer than
    /// <see cref="KeyTimeoutMilliseconds"/> abandons the entry so a half-typed PIN is not completed by the next
    /// person. Digits are wiped from the buffer as soon as they are handed over. Not thread-safe: callers lock.
    /// The length limits are the shared <see cref="PinRule"/>, the same the server registers PINs with.
    /// </summary>
    public sealed class PinEntry
    {
        private readonly char[] _digits = new char[PinRule.MaximumDigits];
        private int _count;
        private long _lastKeyAt;
        private int _readerId;

        public int KeyTimeoutMilliseconds = 5000;

        /// <summary>Digits currently typed (for a "digits entered" LED, never the digits).</summary>
        public int PendingDigits
        {
            get { return _count; }
        }

        /// <summary>The keypad the pending digits came from.</summary>
        public int ReaderId
        {
            get { return _readerId; }
        }

        /// <summary>
        /// One key. Returns true when the entry ended: <paramref name="outcome"/> is Accepted with the ASCII digits in
        /// <paramref name="pin"/>, or the reason it was refused. Returns false while collecting (and for unknown keys).
        /// </summary>
        public bool OnKey(int readerId, char key, long nowMilliseconds, out ReadOutcome outcome, out byte[] pin)
        {
            outcome = ReadOutcome.Accepted;
            pin = null;
            if (_count > 0 && (readerId != _readerId || nowMilliseconds - _lastKeyAt >= KeyTimeoutMilliseconds))
            {
                Clear(); // stale or from another keypad: start again with this key
            }
            _readerId = readerId;
            _lastKeyAt = nowMilliseconds;
            if (key >= '0' && key <= '9')
            {
                if (_count >= PinRule.MaximumDigits)
                {
                    Clear();
                    outcome = ReadOutcome.PinTooLong;
                    return true;
                }
                _digits[_count++] = key;
                return false;
            }
            if (key == '*')
            {
                Clear();
                return false;
            }
            if (key != '#' || _count == 0)
            {
                return false;
            }
            if (_count < PinRule.MinimumDigits)
            {
                Clear();
                outcome = ReadOutcome.PinTooShort;
                return true;
            }
            pin = new byte[_count];
            for (int i = 0; i < _count; i++)
            {
                pin[i] = (byte)_digits[i];
            }
            Clear();
            return true;
        }

        /// <summary>True (once) when a partly typed PIN has just been abandoned.</summary>
        public bool CheckTimeout(long nowMilliseconds)
        {
            if (_count > 0 && nowMilliseconds - _lastKeyAt >= KeyTimeoutMilliseconds)
            {
                Clear();
                return true;
            }
            return false;
        }

        private void Clear()
        {
            for (int i = 0; i < _digits.Length; i++)
            {
                _digits[i] = '\0';
            }
            _count = 0;
        }
    }
}

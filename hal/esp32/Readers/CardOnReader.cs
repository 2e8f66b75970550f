namespace DoorController.Esp32.Readers
{
    /// <summary>
    /// Remembers the card lying on an NFC reader so that it is reported once, not on every poll; forgotten when the
    /// field is empty or the bus errs, so the same card presented again is a new read.
    /// </summary>
    public sealed class CardOnReader
    {
        private byte[] _uid;

        /// <summary>True (and remembered) when <paramref name="uid"/> is not the card already on the reader.</summary>
        public bool IsNew(byte[] uid)
        {
            if (Same(uid))
            {
                return false;
            }
            _uid = uid;
            return true;
        }

        public void Forget()
        {
            _uid = null;
        }

        private bool Same(byte[] uid)
        {
            if (_uid == null || _uid.Length != uid.Length)
            {
                return false;
            }
            for (int i = 0; i < uid.Length; i++)
            {
                if (_uid[i] != uid[i])
                {
                    return false;
                }
            }
            return true;
        }
    }
}

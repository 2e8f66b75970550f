namespace DoorController.Readers
{
    /// <summary>
    /// Remembers the card lying on an NFC reader so that it is reported once, not on every poll; forgotten when the
    /// field is empty or the bus errs, so the same card presented again is a new read.
    /// </summary>
    public sealed class CardOnReader
    {
        private byte[] _uid;

        /// <summary>True (and remembered) when the first <paramref name="length"/> bytes of <paramref name="uid"/> are not the card already on the reader.</summary>
        public bool IsNew(byte[] uid, int length)
        {
            if (Same(uid, length))
            {
                return false;
            }
            byte[] copy = new byte[length];
            System.Array.Copy(uid, copy, length);
            _uid = copy;
            return true;
        }

        public void Forget()
        {
            _uid = null;
        }

        private bool Same(byte[] uid, int length)
        {
            if (_uid == null || _uid.Length != length)
            {
                return false;
            }
            for (int i = 0; i < length; i++)
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

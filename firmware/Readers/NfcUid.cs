namespace DoorController.Readers
{
    /// <summary>
    /// ISO/IEC 14443-3 type A UID checks. Only single (4), double (7) and triple (10) size UIDs exist; anything
    /// else is a reader or bus error.
    /// </summary>
    public static class NfcUid
    {
        /// <summary>First byte of a single-size UID that the card regenerates on every power-up (ISO/IEC 14443-3, "RID").</summary>
        public const byte RandomIdPrefix = 0x08;

        /// <summary>Cascade tag: only ever a marker inside anticollision frames, never a real first UID byte.</summary>
        public const byte CascadeTag = 0x88;

        /// <summary>
        /// Checks <paramref name="length"/> bytes of <paramref name="uid"/> and returns a private copy in
        /// <paramref name="value"/> when accepted. Never throws.
        /// </summary>
        public static ReadOutcome Validate(byte[] uid, int length, out byte[] value)
        {
            value = null;
            if (uid == null || length < 0 || length > uid.Length)
            {
                return ReadOutcome.InvalidLength;
            }
            if (length != 4 && length != 7 && length != 10)
            {
                return ReadOutcome.InvalidLength;
            }
            if (uid[0] == CascadeTag)
            {
                return ReadOutcome.Malformed;
            }
            bool allZero = true;
            bool allOnes = true;
            for (int i = 0; i < length; i++)
            {
                if (uid[i] != 0x00) allZero = false;
                if (uid[i] != 0xFF) allOnes = false;
            }
            if (allZero || allOnes)
            {
                // What a floating bus or a reader with no card returns.
                return ReadOutcome.Malformed;
            }
            if (length == 4 && uid[0] == RandomIdPrefix)
            {
                return ReadOutcome.RandomUid;
            }
            value = new byte[length];
            System.Array.Copy(uid, value, length);
            return ReadOutcome.Accepted;
        }
    }
}

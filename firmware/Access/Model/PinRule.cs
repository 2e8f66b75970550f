namespace DoorController.Access
{
    /// <summary>
    /// What a PIN is, for the keypad that collects it (firmware/Readers/PinEntry) and the server that registers it
    /// (tools/ManagementServer CredentialHasher): 4 to 8 decimal digits. One definition, so the server can never
    /// issue a PIN the keypad refuses to submit. The canonical value hashed is the ASCII digits.
    /// </summary>
    public static class PinRule
    {
        public const int MinimumDigits = 4;

        /// <summary>Keypads (and the 8-digit delivery codes) stop here; a longer entry is refused as pin-too-long.</summary>
        public const int MaximumDigits = 8;

        /// <summary>True when <paramref name="text"/> is 4-8 characters, all of them 0-9.</summary>
        public static bool IsValid(string text)
        {
            if (text == null || text.Length < MinimumDigits || text.Length > MaximumDigits)
            {
                return false;
            }
            for (int i = 0; i < text.Length; i++)
            {
                if (text[i] < '0' || text[i] > '9')
                {
                    return false;
                }
            }
            return true;
        }
    }
}

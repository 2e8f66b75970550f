namespace DoorController.Provisioning
{
    /// <summary>
    /// Decides, character by character while a line is typed, whether the character belongs to a secret
    /// argument and must echo as '*': the PSK of `set wifi`, the broker password of `set mqtt-login`, the hex of
    /// `set key`, the new passcode of `set passcode`. Works on the raw buffer so it allocates nothing per keystroke.
    /// </summary>
    public static class ConsoleEchoMask
    {
        /// <summary>True when the last character of <paramref name="chars"/>[0..length) is part of a secret.</summary>
        public static bool LastCharIsSecret(char[] chars, int length)
        {
            if (length == 0)
            {
                return false;
            }
            int tokenIndex = -1;
            int firstStart = -1, firstEnd = -1, secondStart = -1, secondEnd = -1;
            bool inToken = false;
            bool inQuote = false;
            for (int i = 0; i < length; i++)
            {
                char ch = chars[i];
                bool separator = ch == ' ' && !inQuote;
                if (ch == '"')
                {
                    inQuote = !inQuote;
                }
                if (separator)
                {
                    if (inToken)
                    {
                        if (tokenIndex == 0) firstEnd = i;
                        if (tokenIndex == 1) secondEnd = i;
                    }
                    inToken = false;
                    continue;
                }
                if (!inToken)
                {
                    inToken = true;
                    tokenIndex++;
                    if (tokenIndex == 0) firstStart = i;
                    if (tokenIndex == 1) secondStart = i;
                }
            }
            if (!inToken || tokenIndex < 2 || firstEnd < 0 || secondEnd < 0)
            {
                return false;
            }
            if (!Matches(chars, firstStart, firstEnd, "set"))
            {
                return false;
            }
            if (Matches(chars, secondStart, secondEnd, "wifi") || Matches(chars, secondStart, secondEnd, "mqtt-login"))
            {
                return tokenIndex >= 3;
            }
            return Matches(chars, secondStart, secondEnd, "key") || Matches(chars, secondStart, secondEnd, "passcode");
        }

        private static bool Matches(char[] chars, int start, int end, string word)
        {
            if (end - start != word.Length)
            {
                return false;
            }
            for (int i = 0; i < word.Length; i++)
            {
                char ch = chars[start + i];
                if (ch >= 'A' && ch <= 'Z')
                {
                    ch = (char)(ch + ('a' - 'A'));
                }
                if (ch != word[i])
                {
                    return false;
                }
            }
            return true;
        }
    }
}

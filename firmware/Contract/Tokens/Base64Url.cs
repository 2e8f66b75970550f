namespace DoorController.Contract
{
    /// <summary>
    /// RFC 4648 section 5 base64url without padding, strict: any other character, padding or a non-canonical
    /// final character is refused, so one token has exactly one spelling (the replay cache relies on it).
    /// </summary>
    public static class Base64Url
    {
        private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

        public static string Encode(byte[] data, int offset, int count)
        {
            char[] chars = new char[(count * 4 + 2) / 3];
            int o = 0;
            int i = offset;
            int end = offset + count;
            while (end - i >= 3)
            {
                int v = (data[i] << 16) | (data[i + 1] << 8) | data[i + 2];
                chars[o++] = Alphabet[(v >> 18) & 63];
                chars[o++] = Alphabet[(v >> 12) & 63];
                chars[o++] = Alphabet[(v >> 6) & 63];
                chars[o++] = Alphabet[v & 63];
                i += 3;
            }
            int rest = end - i;
            if (rest == 1)
            {
                int v = data[i] << 16;
                chars[o++] = Alphabet[(v >> 18) & 63];
                chars[o++] = Alphabet[(v >> 12) & 63];
            }
            else if (rest == 2)
            {
                int v = (data[i] << 16) | (data[i + 1] << 8);
                chars[o++] = Alphabet[(v >> 18) & 63];
                chars[o++] = Alphabet[(v >> 12) & 63];
                chars[o++] = Alphabet[(v >> 6) & 63];
            }
            return new string(chars);
        }

        /// <summary>Decodes <paramref name="count"/> characters of <paramref name="text"/> from <paramref name="start"/>. Never throws.</summary>
        public static bool TryDecode(string text, int start, int count, out byte[] data)
        {
            data = null;
            if (text == null || start < 0 || count < 0 || start + count > text.Length || count % 4 == 1)
            {
                return false;
            }
            byte[] result = new byte[count * 3 / 4];
            int o = 0;
            int acc = 0;
            int bits = 0;
            for (int i = start; i < start + count; i++)
            {
                int v = ValueOf(text[i]);
                if (v < 0)
                {
                    return false;
                }
                acc = (acc << 6) | v;
                bits += 6;
                if (bits >= 8)
                {
                    bits -= 8;
                    result[o++] = (byte)(acc >> bits);
                    acc &= (1 << bits) - 1;
                }
            }
            if (acc != 0)
            {
                return false; // leftover bits must be zero, or two spellings would decode the same
            }
            data = result;
            return true;
        }

        private static int ValueOf(char c)
        {
            if (c >= 'A' && c <= 'Z') return c - 'A';
            if (c >= 'a' && c <= 'z') return c - 'a' + 26;
            if (c >= '0' && c <= '9') return c - '0' + 52;
            if (c == '-') return 62;
            if (c == '_') return 63;
            return -1;
        }
    }
}

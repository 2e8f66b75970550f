using System.Text;
using DoorController.Core;

namespace DoorController.Contract
{
    /// <summary>
    /// The signed, time-limited QR token (docs/credentials.md):
    /// <c>DC1.&lt;user-ref&gt;.&lt;time-step&gt;.&lt;mac&gt;</c>, user-ref and time-step in decimal without leading zeros,
    /// mac = base64url of the first 16 bytes of HMAC-SHA256(userKey, "DC1.&lt;user-ref&gt;.&lt;time-step&gt;"),
    /// userKey from <see cref="TokenKeys.DeriveUserKey"/> with purpose "qr". One spelling per token, checked strictly.
    /// </summary>
    public static class QrToken
    {
        public const string Prefix = "DC1";
        public const int MacLength = 16;
        public const int DefaultStepSeconds = 30;

        /// <summary>Longest text considered (longer lines are refused before any parsing).</summary>
        public const int MaximumLength = 64;

        private const int MaximumRefDigits = 10;
        private const int MaximumStepDigits = 12;

        /// <summary>Issues a token (server, phone app simulator, tests).</summary>
        public static string Create(byte[] userKey, uint userRef, long step)
        {
            string signed = Prefix + "." + userRef.ToString() + "." + step.ToString();
            byte[] mac = KeyedHash.Truncated(userKey, Encoding.UTF8.GetBytes(signed));
            return signed + "." + Base64Url.Encode(mac, 0, MacLength);
        }

        /// <summary>
        /// Splits a token into its parts. <paramref name="signedLength"/> is the length of the signed prefix
        /// (everything before the last dot). False for anything not exactly in the format. Never throws.
        /// </summary>
        public static bool TryParse(string text, out uint userRef, out long step, out byte[] mac, out int signedLength)
        {
            userRef = 0;
            step = 0;
            mac = null;
            signedLength = 0;
            if (text == null || text.Length > MaximumLength || text.Length < Prefix.Length + 1
                || text.Substring(0, Prefix.Length + 1) != Prefix + ".")
            {
                return false;
            }
            int refStart = Prefix.Length + 1;
            int refEnd = text.IndexOf('.', refStart);
            if (refEnd < 0)
            {
                return false;
            }
            int stepEnd = text.IndexOf('.', refEnd + 1);
            if (stepEnd < 0 || text.IndexOf('.', stepEnd + 1) >= 0)
            {
                return false;
            }
            long refValue;
            if (!TryParseDecimal(text, refStart, refEnd - refStart, MaximumRefDigits, out refValue)
                || refValue == 0 || refValue > uint.MaxValue)
            {
                return false;
            }
            if (!TryParseDecimal(text, refEnd + 1, stepEnd - refEnd - 1, MaximumStepDigits, out step))
            {
                return false;
            }
            byte[] decoded;
            if (!Base64Url.TryDecode(text, stepEnd + 1, text.Length - stepEnd - 1, out decoded) || decoded.Length != MacLength)
            {
                return false;
            }
            userRef = (uint)refValue;
            mac = decoded;
            signedLength = stepEnd;
            return true;
        }

        /// <summary>Plain decimal digits, no sign, no leading zero (except "0" itself), at most <paramref name="maxDigits"/>.</summary>
        private static bool TryParseDecimal(string text, int start, int count, int maxDigits, out long value)
        {
            value = 0;
            if (count < 1 || count > maxDigits || (count > 1 && text[start] == '0'))
            {
                return false;
            }
            for (int i = start; i < start + count; i++)
            {
                char c = text[i];
                if (c < '0' || c > '9')
                {
                    return false;
                }
                value = value * 10 + (c - '0');
            }
            return true;
        }
    }
}

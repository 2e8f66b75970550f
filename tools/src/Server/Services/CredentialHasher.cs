using System.Text;
using DoorController.Core;

namespace DoorController.Server.Services
{
    /// <summary>
    /// Turns a raw credential (card UID, PIN, code) into the only form the server ever stores: the truncated
    /// HMAC-SHA256 under the site key, hex-encoded. The method is part of the hashed input so the same digits
    /// as a PIN and as a delivery code never collide.
    /// </summary>
    public sealed class CredentialHasher
    {
        private readonly SiteKeys _keys;

        public CredentialHasher(SiteKeys keys)
        {
            _keys = keys;
        }

        public string Hash(string method, string normalizedValue)
        {
            byte[] data = Encoding.UTF8.GetBytes(method + ":" + normalizedValue);
            return Hex.Encode(KeyedHash.Truncated(_keys.CredentialKey, data));
        }

        /// <summary>Canonical text for a method's value: hex UIDs upper-case without separators, PINs digits only.
        /// Returns null when the value cannot be a credential of that method.</summary>
        public static string Normalize(string method, string value)
        {
            if (value == null)
            {
                return null;
            }
            var sb = new StringBuilder();
            switch (method)
            {
                case "nfc":
                case "ble":
                    foreach (char c in value.Trim())
                    {
                        if (c == ':' || c == '-' || c == ' ') continue;
                        if (Hex.NibbleOf(c) < 0) return null;
                        sb.Append(char.ToUpperInvariant(c));
                    }
                    return sb.Length >= 8 && sb.Length <= 64 && sb.Length % 2 == 0 ? sb.ToString() : null;
                case "pin":
                case "delivery":
                case "wiegand":
                    foreach (char c in value.Trim())
                    {
                        if (c < '0' || c > '9') return null;
                        sb.Append(c);
                    }
                    return sb.Length >= 4 && sb.Length <= 20 ? sb.ToString() : null;
                case "qr":
                case "face":
                    string t = value.Trim();
                    return t.Length >= 4 && t.Length <= 256 ? t : null;
                default:
                    return null;
            }
        }

        public static bool IsKnownMethod(string method)
        {
            return method == "nfc" || method == "ble" || method == "pin" || method == "delivery" || method == "wiegand"
                || method == "qr" || method == "face";
        }
    }
}

using System.Text;
using DoorController.Access;
using DoorController.Core;

namespace DoorController.Server.Services
{
    /// <summary>
    /// Turns a credential as an admin types it into the only form the server stores: the decision core's keyed
    /// hash (firmware/Access CredentialHasher: HMAC-SHA256(site key, method byte ‖ canonical value), 16 bytes), hex.
    /// The canonical values follow the reader layer (docs/credentials.md) so a controller hashing a read gets
    /// the same bytes: NFC = UID bytes, PIN = ASCII digits, Wiegand 26 = facility, card high, card low,
    /// QR/BLE = the user's number big-endian (see <see cref="UserRefValue"/>), face = the terminal's user ref.
    /// </summary>
    public sealed class CredentialHasher
    {
        private readonly DoorController.Access.CredentialHasher _core;

        public CredentialHasher(SiteKeys keys)
        {
            _core = new DoorController.Access.CredentialHasher(keys.CredentialKey);
        }

        /// <summary>Hex hash of a method and its canonical value bytes.</summary>
        public string Hash(CredentialMethod method, byte[] canonical)
        {
            byte[] h = _core.Hash(method, canonical);
            return h == null ? null : Hex.Encode(h);
        }

        /// <summary>Hex hash of a credential in its admin text form; null when the text is not valid for the method.</summary>
        public string Hash(string method, string text)
        {
            CredentialMethod m;
            byte[] value = TryMethod(method, out m) ? Canonical(m, text) : null;
            return value == null ? null : Hash(m, value);
        }

        /// <summary>Method from its wire name (the controller's names, firmware/Contract/WireNames).</summary>
        public static bool TryMethod(string name, out CredentialMethod method)
        {
            method = DoorController.Contract.WireNames.ParseMethod(name);
            return method != CredentialMethod.Unknown;
        }

        public static string MethodName(CredentialMethod method) => DoorController.Contract.WireNames.Method(method);

        public static bool IsValidText(string method, string text)
        {
            CredentialMethod m;
            return TryMethod(method, out m) && Canonical(m, text) != null;
        }

        public static bool IsKnownMethod(string method)
        {
            CredentialMethod m;
            return TryMethod(method, out m);
        }

        /// <summary>The canonical value of a QR or BLE credential: the user's number, 4 bytes big-endian.</summary>
        public static byte[] UserRefValue(int userNumber)
        {
            return DoorController.Contract.TokenKeys.UserRefBytes((uint)userNumber);
        }

        /// <summary>Canonical bytes for admin text, or null when invalid. NFC: 4/7/10-byte UID in hex (":" "-" and
        /// spaces ignored). PIN: 4-8 digits (PinRule). Wiegand: "facility/card" (26-bit, 0-255/0-65535) or 8 hex digits
        /// (34-bit data). Face: 1-32 bytes of hex. QR and BLE are not typed: they are issued per user.</summary>
        public static byte[] Canonical(CredentialMethod method, string text)
        {
            if (text == null) return null;
            string t = text.Trim();
            switch (method)
            {
                case CredentialMethod.Nfc:
                    byte[] uid = HexBytes(t);
                    return uid != null && (uid.Length == 4 || uid.Length == 7 || uid.Length == 10) ? uid : null;
                case CredentialMethod.Pin:
                    // The keypad's rule (firmware/Access PinRule): a PIN it cannot submit must not be issued.
                    return PinRule.IsValid(t) ? Encoding.ASCII.GetBytes(t) : null;
                case CredentialMethod.Wiegand:
                    int slash = t.IndexOf('/');
                    if (slash > 0)
                    {
                        int facility, card;
                        if (!int.TryParse(t.Substring(0, slash), out facility) || !int.TryParse(t.Substring(slash + 1), out card)
                            || facility < 0 || facility > 255 || card < 0 || card > 65535) return null;
                        return new[] { (byte)facility, (byte)(card >> 8), (byte)card };
                    }
                    byte[] data = HexBytes(t);
                    return data != null && data.Length == 4 ? data : null;
                case CredentialMethod.ExternalFace:
                    byte[] r = HexBytes(t);
                    return r != null && r.Length >= 1 && r.Length <= 32 ? r : null;
                default:
                    return null;
            }
        }

        private static byte[] HexBytes(string t)
        {
            var sb = new StringBuilder();
            foreach (char c in t)
            {
                if (c == ':' || c == '-' || c == ' ') continue;
                sb.Append(c);
            }
            byte[] bytes;
            return sb.Length > 0 && Hex.TryDecode(sb.ToString(), out bytes) ? bytes : null;
        }
    }
}

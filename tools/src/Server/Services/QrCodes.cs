using System;
using System.Security.Cryptography;
using System.Text;
using DoorController.Core;

namespace DoorController.Server.Services
{
    /// <summary>
    /// Signed rotating QR codes for users: "DQ1.&lt;userId&gt;.&lt;slot&gt;.&lt;mac&gt;" where slot is the
    /// Unix time divided by <see cref="SlotSeconds"/> and mac the first 16 hex digits of
    /// HMAC-SHA256(site key, "DQ1.&lt;userId&gt;.&lt;slot&gt;"). A screenshot stops working within two slots;
    /// a controller verifies offline with the site key it already holds for credential hashes.
    /// </summary>
    public sealed class QrCodes
    {
        public const int SlotSeconds = 30;
        private const string Prefix = "DQ1.";
        private readonly SiteKeys _keys;

        public QrCodes(SiteKeys keys)
        {
            _keys = keys;
        }

        public string Issue(string userId, long unixMs)
        {
            long slot = unixMs / 1000 / SlotSeconds;
            string body = Prefix + userId + "." + slot;
            return body + "." + Mac(body);
        }

        /// <summary>Accepts the current slot and the one before (clock skew, time to scan).</summary>
        public bool TryVerify(string code, long unixMs, out string userId)
        {
            userId = null;
            if (code == null || !code.StartsWith(Prefix, StringComparison.Ordinal)) return false;
            int macDot = code.LastIndexOf('.');
            int slotDot = macDot > 0 ? code.LastIndexOf('.', macDot - 1) : -1;
            if (slotDot <= Prefix.Length) return false;
            long slot;
            if (!long.TryParse(code.AsSpan(slotDot + 1, macDot - slotDot - 1), out slot)) return false;
            long now = unixMs / 1000 / SlotSeconds;
            if (slot != now && slot != now - 1) return false;
            string body = code.Substring(0, macDot);
            byte[] expected = Encoding.ASCII.GetBytes(Mac(body));
            byte[] actual = Encoding.ASCII.GetBytes(code.Substring(macDot + 1));
            if (!CryptographicOperations.FixedTimeEquals(expected, actual)) return false;
            userId = code.Substring(Prefix.Length, slotDot - Prefix.Length);
            return true;
        }

        private string Mac(string body)
        {
            byte[] mac = KeyedHash.Compute(_keys.CredentialKey, Encoding.UTF8.GetBytes(body));
            return Hex.Encode(mac, 0, 8).ToLowerInvariant();
        }
    }
}

using System.Text;
using DoorController.Core;

namespace DoorController.Contract
{
    /// <summary>
    /// Per-user token keys derived from the site key: userKey = HMAC(siteKey, "DC1|" + purpose + "|" + userRef).
    /// The server hands each phone only its own key, and the controller derives it on demand, so the controller
    /// needs no per-user key table and a leaked phone key opens nothing but that user's tokens.
    /// </summary>
    public static class TokenKeys
    {
        public const string QrPurpose = "qr";
        public const string BlePurpose = "ble";

        public static byte[] DeriveUserKey(byte[] siteKey, string purpose, uint userRef)
        {
            return KeyedHash.Compute(siteKey, Encoding.UTF8.GetBytes("DC1|" + purpose + "|" + userRef.ToString()));
        }

        /// <summary>The time step of a Unix time: whole <paramref name="stepSeconds"/> intervals since 1970.</summary>
        public static long TimeStepOf(long unixSeconds, int stepSeconds)
        {
            return unixSeconds / stepSeconds;
        }

        /// <summary>Canonical 4-byte big-endian form of a user reference (the credential value of QR and BLE reads).</summary>
        public static byte[] UserRefBytes(uint userRef)
        {
            return new byte[] { (byte)(userRef >> 24), (byte)(userRef >> 16), (byte)(userRef >> 8), (byte)userRef };
        }
    }
}

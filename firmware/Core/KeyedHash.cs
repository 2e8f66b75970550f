using System.Security.Cryptography;

namespace DoorController.Core
{
    /// <summary>
    /// HMAC-SHA256 helpers. The device has HMAC but no plain SHA-256 and no public-key crypto, so every
    /// integrity and identity check in the product (credential ids, bundles, commands, QR and BLE tokens) is keyed.
    /// </summary>
    public static class KeyedHash
    {
        /// <summary>Length of the truncated credential hash stored on the controller (128 bits).</summary>
        public const int CredentialHashLength = 16;

        public static byte[] Compute(byte[] key, byte[] data)
        {
            return HMACSHA256.HashData(key, data);
        }

        /// <summary>The first <see cref="CredentialHashLength"/> bytes of HMAC(key, data).</summary>
        public static byte[] Truncated(byte[] key, byte[] data)
        {
            byte[] full = HMACSHA256.HashData(key, data);
            byte[] result = new byte[CredentialHashLength];
            System.Array.Copy(full, result, CredentialHashLength);
            return result;
        }

        /// <summary>
        /// Compares two MACs in time independent of where they first differ, so a forger cannot learn a valid
        /// tag byte by byte from response timing.
        /// </summary>
        public static bool FixedTimeEquals(byte[] a, int aOffset, byte[] b, int bOffset, int count)
        {
            if (a == null || b == null || aOffset + count > a.Length || bOffset + count > b.Length)
            {
                return false;
            }
            int diff = 0;
            for (int i = 0; i < count; i++)
            {
                diff |= a[aOffset + i] ^ b[bOffset + i];
            }
            return diff == 0;
        }

        public static bool FixedTimeEquals(byte[] a, byte[] b)
        {
            if (a == null || b == null || a.Length != b.Length)
            {
                return false;
            }
            return FixedTimeEquals(a, 0, b, 0, a.Length);
        }
    }
}

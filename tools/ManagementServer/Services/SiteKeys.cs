using System;
using System.IO;
using System.Security.Cryptography;
using DoorController.Core;

namespace DoorController.Server.Services
{
    /// <summary>
    /// The site secret that keys every credential hash and every QR signature. It lives in a file in the data
    /// directory (mode 0600), not in the database, so a leaked database dump alone cannot be used to brute-force
    /// short credentials such as PINs and delivery codes.
    /// </summary>
    public sealed class SiteKeys
    {
        public const int KeyLengthBytes = 32;

        public SiteKeys(byte[] credentialKey)
        {
            if (credentialKey == null || credentialKey.Length < 16)
            {
                throw new ArgumentException("site key must be at least 16 bytes", nameof(credentialKey));
            }
            CredentialKey = credentialKey;
        }

        /// <summary>HMAC key for credential ids; the same key is provisioned to controllers (docs/security.md).</summary>
        public byte[] CredentialKey { get; }

        public static SiteKeys LoadOrCreate(string dataDirectory)
        {
            string path = Path.Combine(dataDirectory, "site.key");
            if (File.Exists(path))
            {
                byte[] key;
                if (!Hex.TryDecode(File.ReadAllText(path).Trim(), out key))
                {
                    throw new InvalidDataException(path + " is not hex");
                }
                return new SiteKeys(key);
            }
            byte[] fresh = RandomNumberGenerator.GetBytes(KeyLengthBytes);
            Storage.SecretFiles.WriteNew(path, Hex.Encode(fresh) + "\n");
            return new SiteKeys(fresh);
        }
    }
}

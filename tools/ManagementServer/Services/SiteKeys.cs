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

        private const string KeyIdSetting = "site_key_id";

        /// <summary>PostgreSQL, where several instances share the database: every instance must hash credentials with
        /// the same site key, so the first records the key's id and the others refuse to start with another key.</summary>
        public void CheckShared(Storage.Database db)
        {
            if (db.Dialect != Storage.SqlDialect.Postgres) return;
            byte[] digest = System.Security.Cryptography.HMACSHA256.HashData(CredentialKey, System.Text.Encoding.ASCII.GetBytes("doorctl site key id"));
            string id = Convert.ToHexString(digest, 0, 8).ToLowerInvariant();
            db.Execute("INSERT INTO settings (name, value) VALUES (@n, @v) ON CONFLICT (name) DO NOTHING", new { n = KeyIdSetting, v = id });
            string stored = db.QuerySingle("SELECT value FROM settings WHERE name = @n", new { n = KeyIdSetting }).Str("value");
            if (stored != id)
            {
                throw new StartupException("site.key is not the key this database's credentials are hashed with (key id " + id + ", database expects " + stored +
                    "): copy site.key from an instance already serving this database (docs/scaling.md)");
            }
        }

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

using System;
using System.Security.Cryptography;
using System.Text;
using DoorController.Core;
using DoorController.Server.Storage;

namespace DoorController.Server.Services
{
    /// <summary>
    /// Device keys at rest: each controller's key is stored sealed (AES-256-GCM) under the server's master key, which
    /// is kept outside the database (<see cref="MasterKey"/>). A copy of the database alone therefore holds no key that
    /// can sign a command or a bundle. The sealed value is bound to its device id (associated data), so moving a
    /// sealed key to another row does not open it. Stored form: <c>sealed1:</c> base64(nonce 12 ‖ ciphertext 32 ‖ tag 16).
    /// </summary>
    public sealed class DeviceKeyVault
    {
        public const string SealedPrefix = "sealed1:";
        private const int NonceBytes = 12;
        private const int TagBytes = 16;
        private readonly byte[] _master;

        public DeviceKeyVault(byte[] masterKey)
        {
            if (masterKey == null || masterKey.Length != MasterKey.KeyBytes) throw new ArgumentException("the master key must be " + MasterKey.KeyBytes + " bytes", nameof(masterKey));
            _master = masterKey;
        }

        /// <summary>A vault over a fresh random key (tests and tools that build a database from scratch).</summary>
        public static DeviceKeyVault Ephemeral()
        {
            return new DeviceKeyVault(RandomNumberGenerator.GetBytes(MasterKey.KeyBytes));
        }

        /// <summary>Names the master key without revealing it: stored in settings, so a wrong key is caught at start.</summary>
        public string KeyId => Hex.Encode(HMACSHA256.HashData(_master, Encoding.ASCII.GetBytes("doorctl master key id")), 0, 8).ToLowerInvariant();

        public static bool IsSealed(string stored)
        {
            return stored != null && stored.StartsWith(SealedPrefix, StringComparison.Ordinal);
        }

        public string Seal(string deviceId, byte[] key)
        {
            byte[] nonce = RandomNumberGenerator.GetBytes(NonceBytes);
            var sealedKey = new byte[NonceBytes + key.Length + TagBytes];
            using (var aes = new AesGcm(_master, TagBytes))
            {
                aes.Encrypt(nonce, key, sealedKey.AsSpan(NonceBytes, key.Length), sealedKey.AsSpan(NonceBytes + key.Length, TagBytes), Bound(deviceId));
            }
            nonce.CopyTo(sealedKey, 0);
            return SealedPrefix + Convert.ToBase64String(sealedKey);
        }

        /// <summary>The device's key, or false when the stored value is not sealed, was sealed for another device,
        /// under another master key, or altered.</summary>
        public bool TryOpen(string deviceId, string stored, out byte[] key)
        {
            key = null;
            if (!IsSealed(stored)) return false;
            byte[] blob;
            try { blob = Convert.FromBase64String(stored.Substring(SealedPrefix.Length)); }
            catch (FormatException) { return false; }
            if (blob.Length <= NonceBytes + TagBytes) return false;
            var plain = new byte[blob.Length - NonceBytes - TagBytes];
            try
            {
                using (var aes = new AesGcm(_master, TagBytes))
                {
                    aes.Decrypt(blob.AsSpan(0, NonceBytes), blob.AsSpan(NonceBytes, plain.Length), blob.AsSpan(NonceBytes + plain.Length, TagBytes), plain, Bound(deviceId));
                }
            }
            catch (AuthenticationTagMismatchException)
            {
                return false;
            }
            key = plain;
            return true;
        }

        public byte[] Open(string deviceId, string stored)
        {
            byte[] key;
            if (!TryOpen(deviceId, stored, out key)) throw new CryptographicException("the key of device '" + deviceId + "' cannot be opened with this server's master key");
            return key;
        }

        /// <summary>
        /// Seals every device key still stored in plaintext (a database from before sealing); returns how many. On
        /// SQLite the database is then rewritten (VACUUM) and the WAL emptied, so the old plaintext leaves the files too.
        /// </summary>
        public int SealPlaintextRows(Database db)
        {
            int sealedRows = db.InTransaction(tx =>
            {
                int n = 0;
                foreach (var row in tx.Query("SELECT id, device_key FROM devices"))
                {
                    string stored = row.Str("device_key");
                    if (IsSealed(stored)) continue;
                    byte[] key;
                    if (!Hex.TryDecode(stored, out key) || key.Length != 32)
                    {
                        throw new StartupException("device '" + row.Str("id") + "' has a device key that is neither sealed nor 64 hex digits; the database is damaged or was edited by hand");
                    }
                    tx.Execute("UPDATE devices SET device_key = @k WHERE id = @d", new { k = Seal(row.Str("id"), key), d = row.Str("id") });
                    n++;
                }
                return n;
            });
            if (sealedRows > 0) db.Scrub("devices");
            return sealedRows;
        }

        private static byte[] Bound(string deviceId)
        {
            return Encoding.UTF8.GetBytes("doorctl/device-key/" + deviceId);
        }
    }
}

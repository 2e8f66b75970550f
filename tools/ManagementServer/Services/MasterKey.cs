using System.IO;
using System.Security.Cryptography;
using DoorController.Core;
using DoorController.Server.Storage;

namespace DoorController.Server.Services
{
    /// <summary>
    /// The server's master key (32 bytes, hex), which seals every device key (<see cref="DeviceKeyVault"/>). It never
    /// enters the database: it comes from DOORCTL_MASTER_KEY, or from a file (--master-key-file, default
    /// <c>DATA/master.key</c>, created 0600 on first start). Keep a copy apart from the database backups: the two
    /// together are what a restore needs, and either alone yields no device key.
    /// </summary>
    public static class MasterKey
    {
        public const int KeyBytes = 32;
        public const string DefaultFileName = "master.key";
        private const string KeyIdSetting = "master_key_id";

        /// <summary>Loads (or on a first start creates) the key, checks it is the one the database was sealed
        /// under, and seals any device key still in plaintext.</summary>
        public static DeviceKeyVault Load(string keyHex, string keyFile, Database db)
        {
            var vault = new DeviceKeyVault(Read(keyHex, keyFile, db));
            var stored = db.QuerySingle("SELECT value FROM settings WHERE name = @n", new { n = KeyIdSetting });
            if (stored == null)
            {
                db.Execute("INSERT INTO settings (name, value) VALUES (@n, @v)", new { n = KeyIdSetting, v = vault.KeyId });
            }
            else if (stored.Str("value") != vault.KeyId)
            {
                throw new StartupException("the master key " + Where(keyHex, keyFile) + " is not the one this database's device keys are sealed under " +
                    "(key id " + vault.KeyId + ", database expects " + stored.Str("value") + "): give the server its own master key");
            }
            int migrated = vault.SealPlaintextRows(db);
            if (migrated > 0) System.Console.Error.WriteLine("sealed " + migrated + " plaintext device key(s) under the master key");
            return vault;
        }

        private static byte[] Read(string keyHex, string keyFile, Database db)
        {
            byte[] key;
            if (keyHex != null)
            {
                if (!Hex.TryDecode(keyHex.Trim(), out key) || key.Length != KeyBytes) throw new StartupException("DOORCTL_MASTER_KEY must be " + KeyBytes * 2 + " hex digits");
                return key;
            }
            if (File.Exists(keyFile))
            {
                if (SecretFiles.OthersCanRead(keyFile)) throw new StartupException("the master key file " + keyFile + " can be read by other users: chmod 600 it (and treat the key as exposed)");
                if (!Hex.TryDecode(File.ReadAllText(keyFile).Trim(), out key) || key.Length != KeyBytes) throw new StartupException("the master key file " + keyFile + " must hold " + KeyBytes * 2 + " hex digits");
                return key;
            }
            if (db.QuerySingle("SELECT value FROM settings WHERE name = @n", new { n = KeyIdSetting }) != null)
            {
                throw new StartupException("this database's device keys are sealed under a master key, and " + keyFile + " does not exist: " +
                    "restore the master key file (or set DOORCTL_MASTER_KEY); a new key would not open them");
            }
            key = RandomNumberGenerator.GetBytes(KeyBytes);
            SecretFiles.WriteNew(keyFile, Hex.Encode(key) + "\n");
            return key;
        }

        private static string Where(string keyHex, string keyFile)
        {
            return keyHex != null ? "in DOORCTL_MASTER_KEY" : "in " + keyFile;
        }
    }
}

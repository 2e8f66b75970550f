using System;
using DoorController.Server.Storage;

namespace DoorController.Server.Services
{
    /// <summary>What every service shares: the database, the site keys and credential hasher, the device-key vault
    /// and the clock.</summary>
    public sealed class ServerContext
    {
        public ServerContext(Database db, SiteKeys keys, DeviceKeyVault deviceKeys, TimeProvider time)
        {
            Db = db;
            Keys = keys;
            DeviceKeys = deviceKeys;
            Hasher = new CredentialHasher(keys);
            Time = time;
        }

        public Database Db { get; }
        public SiteKeys Keys { get; }
        /// <summary>Seals and opens the device keys stored in <c>devices.device_key</c>.</summary>
        public DeviceKeyVault DeviceKeys { get; }
        public CredentialHasher Hasher { get; }
        public TimeProvider Time { get; }

        public long NowMs => Time.GetUtcNow().ToUnixTimeMilliseconds();

        private long _generation;

        /// <summary>Bumped by every admin change; the online decider reloads its snapshot when it moves.</summary>
        public long Generation => System.Threading.Interlocked.Read(ref _generation);

        public void Changed() => System.Threading.Interlocked.Increment(ref _generation);
    }
}

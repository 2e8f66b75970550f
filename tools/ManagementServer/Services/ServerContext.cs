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
        private long _sharedGeneration = -1;

        /// <summary>The settings row every instance on one PostgreSQL database bumps with each admin change.</summary>
        public const string SharedGenerationSetting = "cache-generation";

        /// <summary>Bumped by every admin change; the online decider reloads its snapshot when it moves. On PostgreSQL
        /// it also moves when another instance changed something (<see cref="Observe"/>).</summary>
        public long Generation => System.Threading.Interlocked.Read(ref _generation);

        /// <summary>An admin change: this instance's caches reload, and on PostgreSQL the shared counter moves too, so
        /// every other instance's next decision (which reads it inside its transaction) reloads as well. Takes
        /// effect when the caller's transaction commits, before the change's HTTP answer, so a revocation answered by
        /// one instance is seen by all of them.</summary>
        public void Changed() => Database.AfterCommit(() =>
        {
            // After the commit: a reload between the change and its commit would keep the old state.
            System.Threading.Interlocked.Increment(ref _generation);
            if (Db.Dialect == SqlDialect.Postgres)
            {
                Db.Execute("UPDATE settings SET value = CAST(CAST(value AS BIGINT) + 1 AS TEXT) WHERE name = @n", new { n = SharedGenerationSetting });
            }
        });

        /// <summary>Reads the shared counter (PostgreSQL) and reloads this instance's caches if another instance moved it.</summary>
        public void Observe(Tx tx)
        {
            if (Db.Dialect != SqlDialect.Postgres) return;
            Observe(tx.QuerySingle(SharedGenerationQuery, new { n = SharedGenerationSetting }));
        }

        /// <summary>Reads the shared generation (parameter @n = <see cref="SharedGenerationSetting"/>).</summary>
        public const string SharedGenerationQuery = "SELECT value FROM settings WHERE name = @n";

        /// <summary>The row <see cref="SharedGenerationQuery"/> returned, read by the caller in a command of its own.</summary>
        public void Observe(Row row)
        {
            long shared = row == null ? 0 : long.Parse(row.Str("value"), System.Globalization.CultureInfo.InvariantCulture);
            if (System.Threading.Interlocked.Exchange(ref _sharedGeneration, shared) != shared) System.Threading.Interlocked.Increment(ref _generation);
        }

        /// <summary>As <see cref="Observe(Tx)"/> outside a transaction (the bundle publisher's poll).</summary>
        public void Observe() => Db.InTransaction(tx => Observe(tx));

        /// <summary>Creates the shared counter once (every instance calls this at start; the first one wins).</summary>
        public void EnsureShared()
        {
            if (Db.Dialect != SqlDialect.Postgres) return;
            Db.Execute("INSERT INTO settings (name, value) VALUES (@n, '0') ON CONFLICT (name) DO NOTHING", new { n = SharedGenerationSetting });
        }
    }
}

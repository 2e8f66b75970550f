using System.Collections.Generic;
using DoorController.Server.Storage;

namespace DoorController.Server.Services
{
    /// <summary>
    /// Every change bumps the cache version of exactly the controllers it affects (in the transaction that makes
    /// the change), which is what makes the bundle publisher send them a new bundle. What changed is not stored:
    /// the publisher diffs the new store against the last one it sent (Sync/BundlePublisher), so no list of
    /// credential hashes outlives the credentials.
    /// </summary>
    public sealed class CacheVersions
    {
        private readonly ServerContext _ctx;

        public CacheVersions(ServerContext ctx)
        {
            _ctx = ctx;
        }

        /// <summary>Controllers on which the user currently holds a permission.</summary>
        public static HashSet<string> DevicesOfUser(Tx tx, string userId)
        {
            var set = new HashSet<string>();
            foreach (var r in tx.Query("SELECT DISTINCT r.device_id FROM permissions p JOIN readers r ON r.id = p.reader_id WHERE p.user_id = @u", new { u = userId }))
            {
                set.Add(r.Str("device_id"));
            }
            return set;
        }

        /// <summary>The user changed: every controller it was on before or is on now gets a new version.</summary>
        public void UserChanged(Tx tx, string userId, HashSet<string> devicesBefore)
        {
            var all = new HashSet<string>(devicesBefore);
            all.UnionWith(DevicesOfUser(tx, userId));
            foreach (string device in all) Bump(tx, device);
            _ctx.Changed();
        }

        /// <summary>One controller's view changed (its door, its readers).</summary>
        public void Bump(Tx tx, string deviceId)
        {
            // One new version per transaction is enough: a bulk import of 2,000 people moves each controller once.
            if (!tx.FirstTime("cache-version " + deviceId)) return;
            tx.Execute("UPDATE devices SET cache_version = cache_version + 1 WHERE id = @d", new { d = deviceId });
            _ctx.Changed();
        }

        /// <summary>Something every controller carries changed (areas, site policies, the offline lifetime).</summary>
        public void BumpAll(Tx tx)
        {
            tx.Execute("UPDATE devices SET cache_version = cache_version + 1 WHERE revoked = 0");
            _ctx.Changed();
        }
    }
}

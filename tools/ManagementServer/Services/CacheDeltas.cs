using System.Collections.Generic;
using System.Text.Json;
using DoorController.Server.Storage;

namespace DoorController.Server.Services
{
    /// <summary>
    /// Every change bumps the cache version of exactly the controllers it affects and records the delta under that
    /// version, so a controller that was offline asks for "everything after version N" and gets only its own
    /// changes. A user delta is the complete, idempotent view of that user for that controller (or a removal).
    /// </summary>
    public sealed class CacheDeltas
    {
        private readonly ServerContext _ctx;

        public CacheDeltas(ServerContext ctx)
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

        /// <summary>Records the user's new state on every controller it was on before or is on now.</summary>
        public void UserChanged(Tx tx, string userId, HashSet<string> devicesBefore)
        {
            _ctx.Changed();
            var after = DevicesOfUser(tx, userId);
            var all = new SortedSet<string>(devicesBefore);
            all.UnionWith(after);
            foreach (string device in all)
            {
                object payload = after.Contains(device) ? UserView(tx, userId, device) : new { op = "user.remove", user = userId };
                Record(tx, device, after.Contains(device) ? "user.upsert" : "user.remove", payload);
            }
        }

        public long Record(Tx tx, string deviceId, string kind, object payload)
        {
            _ctx.Changed();
            tx.Execute("UPDATE devices SET cache_version = cache_version + 1 WHERE id = @d", new { d = deviceId });
            long version = tx.QuerySingle("SELECT cache_version FROM devices WHERE id = @d", new { d = deviceId }).Long("cache_version");
            tx.Execute("INSERT INTO cache_deltas (device_id, version, kind, payload, created_at) VALUES (@d, @v, @k, @p, @t)",
                new { d = deviceId, v = version, k = kind, p = JsonSerializer.Serialize(payload), t = _ctx.NowMs });
            return version;
        }

        private static object UserView(Tx tx, string userId, string deviceId)
        {
            var u = tx.QuerySingle("SELECT id, attribute, valid_from, valid_until, revoked FROM users WHERE id = @u", new { u = userId });
            var creds = new List<object>();
            foreach (var c in tx.Query("SELECT method, hash, one_time, valid_from, valid_until FROM credentials WHERE user_id = @u AND revoked = 0 AND used_at IS NULL ORDER BY id", new { u = userId }))
            {
                creds.Add(new { method = c.Str("method"), hash = c.Str("hash"), oneTime = c.Bool("one_time"), validFrom = c.NLong("valid_from"), validUntil = c.NLong("valid_until") });
            }
            var perms = new List<object>();
            foreach (var p in tx.Query("SELECT p.id, p.reader_id FROM permissions p JOIN readers r ON r.id = p.reader_id WHERE p.user_id = @u AND r.device_id = @d ORDER BY p.reader_id", new { u = userId, d = deviceId }))
            {
                perms.Add(new { reader = p.Str("reader_id"), windows = Windows(tx, p.Str("id")) });
            }
            return new
            {
                op = "user.upsert",
                user = u.Str("id"),
                attribute = u.Str("attribute"),
                revoked = u.Bool("revoked"),
                validFrom = u.NLong("valid_from"),
                validUntil = u.NLong("valid_until"),
                credentials = creds,
                permissions = perms,
            };
        }

        public static List<object> Windows(Tx tx, string permissionId)
        {
            var list = new List<object>();
            foreach (var w in tx.Query("SELECT days_mask, start_minute, end_minute FROM permission_windows WHERE permission_id = @p ORDER BY id", new { p = permissionId }))
            {
                list.Add(new { days = w.Long("days_mask"), start = w.Long("start_minute"), end = w.Long("end_minute") });
            }
            return list;
        }
    }
}

using System;
using System.Collections.Generic;
using System.Globalization;
using DoorController.Server.Api;

namespace DoorController.Server.Services
{
    /// <summary>Retention and data-subject requests: access-log rows (and acknowledged alerts) older than the
    /// retention period are purged; one user's complete record can be exported.</summary>
    public sealed class Privacy
    {
        public const int DefaultRetentionDays = 90;
        private readonly ServerContext _ctx;

        public Privacy(ServerContext ctx)
        {
            _ctx = ctx;
        }

        public int RetentionDays
        {
            get
            {
                var row = _ctx.Db.QuerySingle("SELECT value FROM settings WHERE name = 'retention_days'");
                return row == null ? DefaultRetentionDays : int.Parse(row.Str("value"), CultureInfo.InvariantCulture);
            }
        }

        public void SetRetentionDays(int days)
        {
            if (days < 1 || days > 3650) throw ApiException.BadRequest("retentionDays must be 1-3650");
            _ctx.Db.InTransaction(tx =>
            {
                tx.Execute("DELETE FROM settings WHERE name = 'retention_days'");
                tx.Execute("INSERT INTO settings (name, value) VALUES ('retention_days', @v)", new { v = days.ToString(CultureInfo.InvariantCulture) });
            });
        }

        /// <summary>How long a claimed request nonce is kept as a row (a request older than this is long timed out).</summary>
        public const long NonceMemoryMilliseconds = 3_600_000;

        /// <summary>Deletes what is older than the retention period; returns the number of log rows removed.</summary>
        public int Purge()
        {
            long cutoff = _ctx.NowMs - RetentionDays * 86_400_000L;
            return _ctx.Db.InTransaction(tx =>
            {
                int n = tx.Execute("DELETE FROM access_log WHERE occurred_at < @c", new { c = cutoff });
                tx.Execute("DELETE FROM alerts WHERE created_at < @c AND acknowledged_at IS NOT NULL", new { c = cutoff });
                // Request nonces claimed over an hour ago (several instances): folded into each controller's floor, then dropped.
                long nonceCutoff = _ctx.NowMs - NonceMemoryMilliseconds;
                tx.Execute("UPDATE devices SET request_nonce = (SELECT MAX(nonce) FROM request_nonces r WHERE r.device_id = devices.id AND r.accepted_at < @c) " +
                    "WHERE request_nonce < (SELECT MAX(nonce) FROM request_nonces r WHERE r.device_id = devices.id AND r.accepted_at < @c)", new { c = nonceCutoff });
                tx.Execute("DELETE FROM request_nonces WHERE accepted_at < @c", new { c = nonceCutoff });
                return n;
            });
        }

        /// <summary>Everything held about one user (credential hashes are not included: they identify nothing to
        /// the subject and are a secret of the site).</summary>
        public object Export(string userId)
        {
            var user = _ctx.Db.QuerySingle("SELECT id, name, attribute, title, contact, inviter_id, valid_from, valid_until, revoked, created_at FROM users WHERE id = @u", new { u = userId });
            if (user == null) throw ApiException.NotFound("user", userId);
            return new
            {
                exportedAt = _ctx.NowMs,
                user = user.Values,
                credentials = Values(_ctx.Db.Query("SELECT id, method, one_time, used_at, valid_from, valid_until, revoked, created_at FROM credentials WHERE user_id = @u ORDER BY created_at", new { u = userId })),
                permissions = Values(_ctx.Db.Query("SELECT p.id, p.reader_id, w.days_mask, w.start_minute, w.end_minute FROM permissions p LEFT JOIN permission_windows w ON w.permission_id = p.id WHERE p.user_id = @u ORDER BY p.id", new { u = userId })),
                schedules = Values(_ctx.Db.Query("SELECT id, title, location, starts_at, ends_at FROM schedules WHERE user_id = @u ORDER BY starts_at", new { u = userId })),
                presence = Values(_ctx.Db.Query("SELECT state, reader_id, area_id, updated_at FROM presence WHERE user_id = @u", new { u = userId })),
                accessLog = Values(_ctx.Db.Query("SELECT id, device_id, event_id, reader_id, method, direction, granted, reason, source, occurred_at FROM access_log WHERE user_id = @u ORDER BY occurred_at, id", new { u = userId })),
                alerts = Values(_ctx.Db.Query("SELECT id, created_at, kind, severity, reader_id, message, acknowledged_at FROM alerts WHERE user_id = @u ORDER BY id", new { u = userId })),
            };
        }

        private static List<IReadOnlyDictionary<string, object>> Values(List<Storage.Row> rows)
        {
            var list = new List<IReadOnlyDictionary<string, object>>(rows.Count);
            foreach (var r in rows) list.Add(r.Values);
            return list;
        }
    }
}

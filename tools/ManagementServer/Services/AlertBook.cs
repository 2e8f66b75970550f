using System.Collections.Generic;
using DoorController.Server.Api;
using DoorController.Server.Storage;

namespace DoorController.Server.Services
{
    /// <summary>Alerts (fraud judged online or after the fact, device trouble) and their acknowledgement. Raising
    /// an alert also routes it by the user's notification routes for that reader (Fig 9B).</summary>
    public sealed class AlertBook
    {
        private readonly ServerContext _ctx;
        private readonly NotificationRouter _router;

        public AlertBook(ServerContext ctx, NotificationRouter router)
        {
            _ctx = ctx;
            _router = router;
        }

        public long Raise(Tx tx, string kind, string severity, string userId, string deviceId, string readerId, long? logId, string message)
        {
            long id = tx.QuerySingle("INSERT INTO alerts (created_at, kind, severity, user_id, device_id, reader_id, log_id, message) VALUES (@t, @k, @s, @u, @d, @r, @l, @m) RETURNING id",
                new { t = _ctx.NowMs, k = kind, s = severity, u = userId, d = deviceId, r = readerId, l = logId, m = message }).Long("id");
            if (userId != null && readerId != null)
            {
                foreach (var route in tx.Query("SELECT channel, target, content FROM notification_routes WHERE user_id = @u AND reader_id = @r", new { u = userId, r = readerId }))
                {
                    _router.Enqueue(route.Str("channel"), route.Str("target"), new { alert = id, kind, severity, user = userId, device = deviceId, reader = readerId, content = route.Str("content"), message }, message);
                }
            }
            return id;
        }

        /// <summary>
        /// A duress code was used: a critical alert, routed only to the site's guard route (never to the door, the
        /// person's own routes or an inviter), so nothing near the door can tell. <paramref name="replayed"/>: decided
        /// offline by the controller and learned from its journal, later than it happened.
        /// </summary>
        public long RaiseDuress(Tx tx, string userId, string deviceId, string readerId, long? logId, bool replayed)
        {
            string message = "duress code used at reader " + readerId + (replayed ? " (offline, reported on replay)" : "");
            long id = tx.QuerySingle("INSERT INTO alerts (created_at, kind, severity, user_id, device_id, reader_id, log_id, message) VALUES (@t, 'duress', 'critical', @u, @d, @r, @l, @m) RETURNING id",
                new { t = _ctx.NowMs, u = userId, d = deviceId, r = readerId, l = logId, m = message }).Long("id");
            var (channel, target) = SiteSettings.DuressRouteOf(tx);
            _router.Enqueue(channel, target, new { alert = id, kind = "duress", severity = "critical", user = userId, device = deviceId, reader = readerId, replayed, message }, message); // never a door: the route is checked to be a terminal topic or a webhook
            return id;
        }

        /// <summary>The first use of a one-time key or of a key valid after its first use: the earliest known use is
        /// kept (a use decided offline elsewhere may arrive after a later online one) and the snapshot reloads.</summary>
        public void RecordFirstUse(Tx tx, string credentialId, long atMs)
        {
            if (tx.Execute("UPDATE credentials SET used_at = @t WHERE id = @c AND (used_at IS NULL OR used_at > @t)", new { t = atMs, c = credentialId }) > 0)
            {
                _ctx.Changed();
            }
        }

        public long Raise(string kind, string severity, string userId, string deviceId, string readerId, long? logId, string message)
        {
            return _ctx.Db.InTransaction(tx => Raise(tx, kind, severity, userId, deviceId, readerId, logId, message));
        }

        public List<Row> List(bool openOnly, int limit)
        {
            return _ctx.Db.Query("SELECT a.*, u.name AS user_name FROM alerts a LEFT JOIN users u ON u.id = a.user_id " +
                (openOnly ? "WHERE a.acknowledged_at IS NULL " : "") + "ORDER BY a.id DESC LIMIT @n", new { n = (long)limit });
        }

        /// <summary>Acknowledging twice keeps the first acknowledgement (who saw it first matters to the audit), with
        /// the note its author wrote (what was done about it).</summary>
        public void Acknowledge(long id, string adminName, string note = null)
        {
            if (note != null && note.Length > 500) throw ApiException.BadRequest("note is longer than 500 characters");
            _ctx.Db.InTransaction(tx =>
            {
                if (tx.QuerySingle("SELECT id FROM alerts WHERE id = @i", new { i = id }) == null) throw ApiException.NotFound("alert", id.ToString());
                tx.Execute("UPDATE alerts SET acknowledged_by = @b, acknowledged_at = @t, acknowledged_note = @n WHERE id = @i AND acknowledged_at IS NULL",
                    new { b = adminName, t = _ctx.NowMs, n = string.IsNullOrWhiteSpace(note) ? null : note.Trim(), i = id });
            });
        }
    }
}

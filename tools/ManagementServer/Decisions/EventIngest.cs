using System;
using System.Collections.Generic;
using DoorController.Server.Services;
using DoorController.Server.Storage;

namespace DoorController.Server.Decisions
{
    /// <summary>
    /// Stores replayed journal events idempotently by (controller, event id) and returns the sequence to
    /// acknowledge. A batch is one transaction: the ack goes out only after its rows are committed, so a server
    /// killed at any moment makes the controller resend exactly what was not stored, and a resend stores nothing twice.
    /// An online-decided event finds the row the server wrote when it decided (same controller, reader, user, within
    /// seconds) and is linked to it instead of becoming a second row. Only events whose MAC the MQTT bridge verified
    /// get here. An event at or below the controller's acknowledged mark was stored before (the ack is cumulative and
    /// sent after the commit): if its row is there it is a resend; if not, it is a recorded event replayed after
    /// retention deleted its row, or a controller whose flash was wiped and which was not registered again — either way
    /// it is neither stored nor acknowledged, and reported (<see cref="BelowMark"/>), so nothing is stored twice and a
    /// wiped controller keeps its journal until someone looks.
    /// </summary>
    public sealed class EventIngest
    {
        public const long OnlineMatchWindowMs = 10_000;
        private readonly ServerServices _s;
        private readonly OnlineDecider _decider;

        public EventIngest(ServerServices services, OnlineDecider decider)
        {
            _s = services;
            _decider = decider;
        }

        public long Stored { get; private set; }
        public long Duplicates { get; private set; }

        /// <summary>Told of each event refused because its id is below the acknowledged mark and unknown (controller, id).</summary>
        public Action<string, long> BelowMark { get; set; }

        /// <summary>Stores a batch from one controller; returns the highest sequence now safe to acknowledge (-1: none).</summary>
        public long Store(string deviceId, List<ReplayedEvent> events)
        {
            var all = StoreAll(new Dictionary<string, List<ReplayedEvent>> { [deviceId] = events });
            return all.TryGetValue(deviceId, out long upTo) ? upTo : -1;
        }

        /// <summary>
        /// Stores what every controller sent since the last call in one transaction (one fsync for the lot, however
        /// many controllers are replaying); returns per controller the highest sequence now safe to acknowledge.
        /// <paramref name="committed"/> gets the same right after the commit, before the decider's presence is
        /// re-read, so acknowledgements do not wait for that.
        /// </summary>
        public Dictionary<string, long> StoreAll(Dictionary<string, List<ReplayedEvent>> byDevice, Action<Dictionary<string, long>> committed = null)
        {
            var touchedUsers = new HashSet<string>();
            var presenceMoves = new Dictionary<string, (string State, string Reader, string Area, long At)>();
            var acks = new Dictionary<string, long>();
            var belowMark = new List<(string Device, long Id)>();
            _s.Context.Db.InTransaction(tx =>
            {
                foreach (var kv in byDevice)
                {
                    string deviceId = kv.Key;
                    var device = kv.Value.Count == 0 ? null : tx.QuerySingle("SELECT events_acked FROM devices WHERE id = @d AND revoked = 0", new { d = deviceId });
                    if (device == null) continue;
                    long acked = device.Long("events_acked");
                    long upTo = -1;
                    foreach (var e in kv.Value)
                    {
                        if (e.Sequence <= acked)
                        {
                            if (!Known(tx, deviceId, e))
                            {
                                belowMark.Add((deviceId, e.Sequence));
                                continue;
                            }
                            Duplicates++;
                        }
                        else if (e.Type == "access_decision" ? StoreAccess(tx, deviceId, e, touchedUsers, presenceMoves) : StoreOther(tx, deviceId, e)) Stored++;
                        else Duplicates++;
                        upTo = Math.Max(upTo, e.Sequence);
                    }
                    if (upTo < 0) continue;
                    tx.Execute("UPDATE devices SET events_acked = @u WHERE id = @d AND events_acked < @u", new { u = upTo, d = deviceId });
                    acks[deviceId] = upTo;
                }
                _s.Log.FlushPresence(tx, presenceMoves);
            });
            committed?.Invoke(acks);
            foreach (var refused in belowMark) BelowMark?.Invoke(refused.Device, refused.Id);
            _decider.SyncPresence(touchedUsers);
            return acks;
        }

        private bool StoreAccess(Tx tx, string deviceId, ReplayedEvent e, HashSet<string> touchedUsers,
            Dictionary<string, (string State, string Reader, string Area, long At)> presenceMoves)
        {
            string userId = e.User != 0 ? NumericIds.RefOf(_s.Context.Db, e.User, "u-") : null;
            string readerId = e.Reader != 0 ? NumericIds.RefOf(_s.Context.Db, e.Reader, "r-") : null;
            bool online = e.Mode == "online";
            if (online)
            {
                // Already linked to the row written when the server decided? (Offline events need no probe: their
                // journal id is the row's event id, and the insert below ignores a duplicate.)
                if (tx.QuerySingle("SELECT id FROM access_log WHERE device_id = @d AND journal_id = @j", new { d = deviceId, j = e.Id }) != null) return false;
                // The server's answer does not name the person, so the controller journals an online grant without a
                // user: such an event matches on reader, outcome and time alone (it then became a second, anonymous row).
                var match = tx.QuerySingle("SELECT id FROM access_log WHERE device_id = @d AND source = 'online' AND journal_id IS NULL " +
                    "AND COALESCE(reader_id, '') = @r AND (@u = '' OR COALESCE(user_id, '') = @u) AND granted = @g AND occurred_at BETWEEN @lo AND @hi ORDER BY id LIMIT 1",
                    new { d = deviceId, r = readerId ?? "", u = userId ?? "", g = e.Allowed, lo = e.UtcMs - OnlineMatchWindowMs, hi = e.UtcMs + OnlineMatchWindowMs });
                if (match != null)
                {
                    tx.Execute("UPDATE access_log SET journal_id = @j WHERE id = @i", new { j = e.Id, i = match.Long("id") });
                    return true;
                }
            }
            bool pending = e.PendingRetro && e.Allowed && userId != null;
            var ev = new AccessEvent(deviceId, e.Id, readerId, userId, e.Method, e.Direction, e.Allowed, e.Reason, online ? "online" : "offline", e.UtcMs,
                e.Id, !pending, e.Fraud, e.CredentialHash);
            long? id = _s.Log.Record(tx, ev, presenceMoves);
            if (!id.HasValue) return false;
            if (e.Fraud)
            {
                _s.Alerts.Raise(tx, "fraud", "high", userId, deviceId, readerId, id, "fraud flagged by the controller at reader " + readerId + ": " + e.Reason);
            }
            if (!online && e.Duress)
            {
                _s.Alerts.RaiseDuress(tx, userId, deviceId, readerId, id, true);
            }
            if (!online && e.Allowed && e.CredentialHash != null)
            {
                // A key limited by its first use, used at this door while offline: its earliest use reaches the server.
                var key = tx.QuerySingle("SELECT id FROM credentials WHERE hash = @h AND (one_time = 1 OR minutes_after_first_use IS NOT NULL)", new { h = e.CredentialHash });
                if (key != null) _s.Alerts.RecordFirstUse(tx, key.Str("id"), e.UtcMs);
            }
            if (userId != null && e.Allowed) touchedUsers.Add(userId);
            return true;
        }

        private static bool Known(Tx tx, string deviceId, ReplayedEvent e)
        {
            return e.Type == "access_decision"
                ? tx.QuerySingle("SELECT id FROM access_log WHERE device_id = @d AND (event_id = @e OR journal_id = @e) LIMIT 1", new { d = deviceId, e = e.Id }) != null
                : tx.QuerySingle("SELECT event_id FROM device_events WHERE device_id = @d AND event_id = @e", new { d = deviceId, e = e.Id }) != null;
        }

        private bool StoreOther(Tx tx, string deviceId, ReplayedEvent e)
        {
            var row = tx.QuerySingle("INSERT INTO device_events (device_id, event_id, type, payload, occurred_at) VALUES (@d, @e, @t, @p, @at) " +
                "ON CONFLICT (device_id, event_id) DO NOTHING RETURNING event_id", new { d = deviceId, e = e.Id, t = e.Type, p = e.Raw, at = e.UtcMs });
            if (row == null) return false;
            string message = AlertFor(e.Type);
            if (message != null) _s.Alerts.Raise(tx, e.Type, "high", null, deviceId, null, null, message + " (controller " + deviceId + ")");
            return true;
        }

        private static string AlertFor(string type)
        {
            switch (type)
            {
                case "door_forced": return "door forced open";
                case "door_held_open": return "door held open";
                case "tamper": return "tamper switch";
                case "relay_fault": return "relay fault";
                case "journal_overflow": return "controller journal overflowed: events were dropped";
                default: return null;
            }
        }
    }
}

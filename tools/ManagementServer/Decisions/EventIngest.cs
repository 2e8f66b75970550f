using System;
using System.Collections.Generic;
using DoorController.Contract;
using DoorController.Server.Services;
using DoorController.Server.Storage;

namespace DoorController.Server.Decisions
{
    /// <summary>
    /// Stores replayed journal events idempotently by (controller, event id) and returns the sequence to
    /// acknowledge: the highest id below which the server holds every event of that controller. Each event names the
    /// one it follows (<see cref="ReplayedEvent.Previous"/>); the mark moves only through events whose predecessor is
    /// held, so an event that overtakes one lost while the server restarted is stored but not acknowledged until the
    /// controller's resend fills the gap. A batch is one transaction: the ack goes out only after its rows are
    /// committed, so a server killed at any moment makes the controller resend exactly what was not stored, and a
    /// resend stores nothing twice. An online-decided event names its decision request; it finds the row the server
    /// wrote when it decided (controller, request id) and is linked to it instead of becoming a second row. A door's report
    /// of a grant (door_opened / grant_unused) settles that grant's row and, if the door opened, moves the person
    /// (<see cref="DoorPassages"/>). Only events whose MAC the MQTT bridge verified
    /// get here. An event at or below the controller's acknowledged mark was stored before (the ack is cumulative and
    /// sent after the commit): if its row is there it is a resend; if not, it is a recorded event replayed after
    /// retention deleted its row, or a controller whose flash was wiped and which was not registered again — either way
    /// it is neither stored nor acknowledged, and reported (<see cref="BelowMark"/>), so nothing is stored twice and a
    /// wiped controller keeps its journal until someone looks.
    /// The controller also says which acknowledgement it holds (<see cref="ReplayedEvent.Acknowledged"/>). Acks go out
    /// only after the commit, so a claim above the stored mark means the server lost what it had acknowledged — a
    /// database restored from a backup: the controller trimmed those events and will never resend them, so the mark
    /// moves to the claim (or the controller would wait for them forever and its journal fill) and a
    /// <c>history-lost</c> alert names the range. Only an authenticated controller can make the claim, and only
    /// about its own events.
    /// </summary>
    public sealed class EventIngest
    {
        private readonly ServerServices _s;
        private readonly OnlineDecider _decider;

        public EventIngest(ServerServices services, OnlineDecider decider)
        {
            _s = services;
            _decider = decider;
            Passages = new DoorPassages(services.Log);
        }

        /// <summary>Grants at doors with a contact, settled by their controller's door_opened / grant_unused events.</summary>
        public DoorPassages Passages { get; }

        public long Stored { get; private set; }
        public long Duplicates { get; private set; }

        /// <summary>Events stored but not acknowledged because one before them is not held yet.</summary>
        public long Gaps { get; private set; }

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
            var passed = new List<(string User, string Reader, string Direction, long AtMs)>();
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
                    long mark = acked;
                    long upTo = -1;
                    foreach (var e in kv.Value)
                    {
                        if (e.Acknowledged > mark)
                        {
                            _s.Alerts.Raise(tx, "history-lost", "high", null, deviceId, null, null, "controller " + deviceId + " holds the server's "
                                + "acknowledgement of events up to " + Describe(e.Acknowledged) + " but the server holds them only up to "
                                + Describe(mark) + ": the events between were acknowledged and then lost by the server (database restored from a backup?)");
                            tx.Execute("UPDATE devices SET events_acked = @u WHERE id = @d AND events_acked < @u", new { u = e.Acknowledged, d = deviceId });
                            acked = mark = e.Acknowledged;
                        }
                        if (e.Sequence <= acked)
                        {
                            if (!Known(tx, deviceId, e))
                            {
                                belowMark.Add((deviceId, e.Sequence));
                                continue;
                            }
                            Duplicates++;
                            upTo = Math.Max(upTo, e.Sequence);
                            continue;
                        }
                        if (e.Type == EventType.AccessDecision ? StoreAccess(tx, deviceId, e, touchedUsers, passed, presenceMoves)
                            : StoreOther(tx, deviceId, e, passed, presenceMoves)) Stored++;
                        else Duplicates++;
                        // The mark covers only what is held without a gap: an event whose predecessor is not held
                        // yet (lost while the server restarted) is stored, and acknowledged once the resend fills the gap.
                        if (e.Previous <= mark)
                        {
                            mark = Math.Max(mark, e.Sequence);
                            upTo = Math.Max(upTo, e.Sequence);
                        }
                        else Gaps++;
                    }
                    if (upTo < 0) continue;
                    tx.Execute("UPDATE devices SET events_acked = @u WHERE id = @d AND events_acked < @u", new { u = mark, d = deviceId });
                    acks[deviceId] = upTo;
                }
                // Presence moves under the people's locks, like decisions on other instances (PostgreSQL; nothing on SQLite).
                var users = new List<int>();
                foreach (string user in presenceMoves.Keys) users.Add(NumericIds.Of(_s.Context.Db, user));
                Cluster.UserLocks.Lock(tx, users);
                _s.Log.FlushPresence(tx, presenceMoves);
            });
            committed?.Invoke(acks);
            foreach (var refused in belowMark) BelowMark?.Invoke(refused.Device, refused.Id);
            foreach (var p in passed)
            {
                touchedUsers.Add(p.User);
                // One instance: the decider moves the person as its own grant would have (every enclosing area too).
                // Several on PostgreSQL: every decision reads presence under the person's lock, nothing to move here.
                if (_s.Context.Db.Dialect != SqlDialect.Postgres) _decider.CommitPassage(p.User, p.Reader, p.Direction, p.AtMs);
            }
            _decider.SyncPresence(touchedUsers);
            return acks;
        }

        private bool StoreAccess(Tx tx, string deviceId, ReplayedEvent e, HashSet<string> touchedUsers,
            List<(string User, string Reader, string Direction, long AtMs)> passed,
            Dictionary<string, (string State, string Reader, string Area, long At)> presenceMoves)
        {
            string userId = e.User != 0 ? NumericIds.RefOf(_s.Context.Db, e.User, "u-") : null;
            string readerId = e.Reader != 0 ? NumericIds.RefOf(_s.Context.Db, e.Reader, "r-") : null;
            bool online = e.Online;
            bool pending = e.PendingRetro && e.Allowed && userId != null;
            if (e.RequestId != null)
            {
                // The server logged the decision of this request when it made it; the controller's record names the
                // same request and becomes that row's journal id instead of a second row. A request the controller
                // settled locally past its deadline was answered too late: the row is corrected to what the door did.
                var row = tx.QuerySingle("SELECT id, journal_id FROM access_log WHERE device_id = @d AND request_id = @q", new { d = deviceId, q = e.RequestId });
                if (row != null)
                {
                    if (row.NLong("journal_id") == e.Id) return false;
                    if (online) tx.Execute("UPDATE access_log SET journal_id = @j WHERE id = @i", new { j = e.Id, i = row.Long("id") });
                    else tx.Execute("UPDATE access_log SET journal_id = @j, source = 'offline', granted = @g, reason = @r, fraud = @f, retro_checked = @rc, " +
                        "user_id = COALESCE(@u, user_id), occurred_at = @at WHERE id = @i",
                        new { j = e.Id, g = e.Allowed, r = e.Reason, f = e.Fraud, rc = !pending, u = userId, at = e.UtcMs, i = row.Long("id") });
                    if (userId != null && e.Allowed) touchedUsers.Add(userId);
                    return true;
                }
            }
            // At a door with a contact the grant awaits the controller's report of the door (door_opened / grant_unused).
            string passage = e.Allowed && userId != null && _s.Log.HasContact(tx, readerId) ? AccessEvent.AwaitingDoor : null;
            // The journal keeps the hash's first 7 bytes: mapped back to the person's credential before anything looks it up.
            var credential = e.Access.CredentialIsPrefix
                ? CredentialPrefixMatch.Resolve(tx, e.CredentialHash, userId, e.Method, e.UtcMs)
                : CredentialPrefixMatch.Whole(e.CredentialHash);
            var ev = new AccessEvent(deviceId, e.Id, readerId, userId, e.Method, e.Direction, e.Allowed, e.Reason, online ? "online" : "offline", e.UtcMs,
                e.Id, !pending, e.Fraud, credential.Hash, Passage: passage, CredentialPrefix: credential.Prefix, CredentialMatch: credential.Match);
            long? id = _s.Log.Record(tx, ev, presenceMoves);
            if (!id.HasValue) return false;
            if (passage != null) Passages.SettleFromStored(tx, deviceId, e.Id, passed, presenceMoves);
            if (e.Fraud)
            {
                _s.Alerts.Raise(tx, "fraud", "high", userId, deviceId, readerId, id, "fraud flagged by the controller at reader " + readerId + ": " + e.Reason);
            }
            if (!online && e.Duress)
            {
                _s.Alerts.RaiseDuress(tx, userId, deviceId, readerId, id, true);
            }
            if (!online && e.Allowed && credential.Hash != null)
            {
                // A key limited by its first use, used at this door while offline: its earliest use reaches the server.
                var key = tx.QuerySingle("SELECT id FROM credentials WHERE hash = @h AND (one_time = 1 OR minutes_after_first_use IS NOT NULL)", new { h = credential.Hash });
                if (key != null) _s.Alerts.RecordFirstUse(tx, key.Str("id"), e.UtcMs);
            }
            if (userId != null && e.Allowed) touchedUsers.Add(userId);
            return true;
        }

        private static string Describe(long id) => id == 0 ? "the start" : "boot " + EventId.BootOf(id) + " event " + EventId.SequenceOf(id);

        private static bool Known(Tx tx, string deviceId, ReplayedEvent e)
        {
            return e.Type == EventType.AccessDecision
                // Two indexed lookups: an OR of the two columns searches only by device, i.e. every row of the controller.
                ? tx.QuerySingle("SELECT id FROM access_log WHERE device_id = @d AND event_id = @e UNION ALL " +
                    "SELECT id FROM access_log WHERE device_id = @d AND journal_id = @e LIMIT 1", new { d = deviceId, e = e.Id }) != null
                : tx.QuerySingle("SELECT event_id FROM device_events WHERE device_id = @d AND event_id = @e", new { d = deviceId, e = e.Id }) != null;
        }

        private bool StoreOther(Tx tx, string deviceId, ReplayedEvent e, List<(string User, string Reader, string Direction, long AtMs)> passed,
            Dictionary<string, (string State, string Reader, string Area, long At)> presenceMoves)
        {
            var row = tx.QuerySingle("INSERT INTO device_events (device_id, event_id, type, payload, occurred_at) VALUES (@d, @e, @t, @p, @at) " +
                "ON CONFLICT (device_id, event_id) DO NOTHING RETURNING event_id", new { d = deviceId, e = e.Id, t = e.TypeName, p = e.Raw, at = e.UtcMs });
            if (row == null) return false;
            if (e.Passage != null) Passages.Settle(tx, deviceId, e.Passage, e.Type == EventType.DoorOpened, passed, presenceMoves);
            string message = AlertFor(e.Type);
            if (message != null) _s.Alerts.Raise(tx, e.TypeName, "high", null, deviceId, null, null, message + " (controller " + deviceId + ")");
            return true;
        }

        private static string AlertFor(EventType type)
        {
            switch (type)
            {
                case EventType.DoorForced: return "door forced open";
                case EventType.DoorHeldOpen: return "door held open";
                case EventType.Tamper: return "tamper switch";
                case EventType.RelayFault: return "relay fault";
                case EventType.JournalOverflow: return "controller journal overflowed: events were dropped";
                default: return null;
            }
        }
    }
}

using System.Collections.Generic;
using DoorController.Contract;
using DoorController.Contract.Json;
using DoorController.Server.Services;
using DoorController.Server.Storage;

namespace DoorController.Server.Decisions
{
    /// <summary>
    /// Grants at doors with a contact (patent S116): their access_log row is recorded 'awaiting' and moves nobody's
    /// presence until the controller reports what the door did with that grant — door_opened (the row becomes
    /// 'opened' and the person's presence moves, as of the grant) or grant_unused ('not-opened': granted, nobody
    /// passed, presence unchanged). The report names the grant by its decision request id (the server's own row of
    /// an online decision) and by the journal id of the grant's access_decision record (an offline grant's row).
    /// Settling is idempotent: only an 'awaiting' row changes, so a resent report moves nothing twice.
    /// </summary>
    public sealed class DoorPassages
    {
        /// <summary>How many events after an offline grant are searched for a report that overtook it.</summary>
        private const int ReportSearch = 8;
        private const string Columns = "SELECT id, user_id, reader_id, direction, occurred_at FROM access_log ";
        private readonly AccessLog _log;

        public DoorPassages(AccessLog log)
        {
            _log = log;
        }

        /// <summary>Settles the grant <paramref name="report"/> names; false when no awaiting row is found (not a
        /// person's grant at a contact door, settled before, or its access_decision event not held yet). A door that
        /// opened moves the person's presence row and is added to <paramref name="passed"/> for the decider.</summary>
        public bool Settle(Tx tx, string deviceId, PassageEvent report, bool opened, List<(string User, string Reader, string Direction, long AtMs)> passed,
            Dictionary<string, (string State, string Reader, string Area, long At)> presenceMoves)
        {
            Row row = null;
            if (!string.IsNullOrEmpty(report.RequestId))
            {
                row = tx.QuerySingle(Columns + "WHERE device_id = @d AND request_id = @q AND passage = @a",
                    new { d = deviceId, q = report.RequestId, a = AccessEvent.AwaitingDoor });
            }
            row ??= tx.QuerySingle(Columns + "WHERE device_id = @d AND event_id = @g AND passage = @a",
                new { d = deviceId, g = report.GrantEvent, a = AccessEvent.AwaitingDoor });
            if (row == null) return false;
            tx.Execute("UPDATE access_log SET passage = @p WHERE id = @i AND passage = @a",
                new { p = opened ? AccessEvent.Opened : AccessEvent.NotOpened, i = row.Long("id"), a = AccessEvent.AwaitingDoor });
            string user = row.Str("user_id");
            if (opened && user != null)
            {
                _log.Move(tx, user, row.Str("reader_id"), row.Str("direction"), row.Long("occurred_at"), presenceMoves);
                passed.Add((user, row.Str("reader_id"), row.Str("direction"), row.Long("occurred_at")));
            }
            return true;
        }

        /// <summary>
        /// An offline grant's access_decision event stored after its door's report (the report overtook it while the
        /// server restarted, and the resend filled the gap): the report, kept among the controller's events, settles
        /// it now.
        /// </summary>
        public void SettleFromStored(Tx tx, string deviceId, long grantEvent, List<(string User, string Reader, string Direction, long AtMs)> passed,
            Dictionary<string, (string State, string Reader, string Area, long At)> presenceMoves)
        {
            var reports = tx.Query("SELECT type, payload FROM device_events WHERE device_id = @d AND event_id > @g AND type IN (@o, @u) ORDER BY event_id LIMIT @n",
                new { d = deviceId, g = grantEvent, o = EventTypeNames.ToName(EventType.DoorOpened), u = EventTypeNames.ToName(EventType.GrantUnused), n = (long)ReportSearch });
            var report = new PassageEvent();
            foreach (var r in reports)
            {
                if (!JsonReader.TryParse(r.Str("payload"), out JsonObject o, out _)
                    || !EventJsonReader.TryReadPassage(o, report, out _) || report.GrantEvent != grantEvent) continue;
                Settle(tx, deviceId, report, r.Str("type") == EventTypeNames.ToName(EventType.DoorOpened), passed, presenceMoves);
                return;
            }
        }
    }
}

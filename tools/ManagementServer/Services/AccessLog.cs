using System.Collections.Generic;
using DoorController.Server.Api;
using DoorController.Server.Storage;

namespace DoorController.Server.Services
{
    /// <summary>
    /// The log management table (Fig 3B) and presence. Recording is idempotent on (device, event id): a controller
    /// that resends after a lost answer, or replays its journal twice, never produces a second row.
    /// </summary>
    public sealed class AccessLog
    {
        public const int MaxPage = 500;

        /// <summary>What the API shows of a log row: everything but the credential hash (a site secret's output,
        /// useless to a reader of the history and not to be handed to every role).</summary>
        private const string ShownColumns = "l.id, l.device_id, l.event_id, l.reader_id, l.user_id, l.method, l.direction, l.granted, l.reason, l.source, " +
            "l.occurred_at, l.received_at, l.fraud, l.retro_checked, l.journal_id, l.passage, u.name AS user_name";
        private readonly ServerContext _ctx;

        public AccessLog(ServerContext ctx)
        {
            _ctx = ctx;
        }

        /// <summary>Inserts the row and updates presence; returns the new row id, or null if it was already there.</summary>
        public long? Record(Tx tx, AccessEvent e)
        {
            return Record(tx, e, null);
        }

        /// <summary>As <see cref="Record(Tx, AccessEvent)"/>; with <paramref name="presenceMoves"/> the presence change
        /// is collected there (the newest per user) for <see cref="FlushPresence"/> to write once per user, not per event.</summary>
        public long? Record(Tx tx, AccessEvent e, Dictionary<string, (string State, string Reader, string Area, long At)> presenceMoves)
        {
            long? id;
            if (tx.Prepared(InsertRow) is SqliteStatement st)
            {
                // The writer's statement per online row: bound in place (Storage/SqliteStatement.cs).
                id = st.Bind("@d", e.DeviceId).Bind("@e", e.EventId).Bind("@r", e.ReaderId).Bind("@u", e.UserId).Bind("@m", e.Method).Bind("@dir", e.Direction)
                    .Bind("@g", e.Granted).Bind("@why", e.Reason ?? "").Bind("@src", e.Source).Bind("@at", e.OccurredAt).Bind("@now", _ctx.NowMs).Bind("@j", e.JournalId)
                    .Bind("@rc", e.RetroChecked).Bind("@f", e.Fraud).Bind("@h", e.CredentialHash).Bind("@q", e.RequestId).Bind("@p", e.Passage)
                    .Bind("@hp", e.CredentialPrefix).Bind("@hm", e.CredentialMatch).Run();
            }
            else
            {
                id = tx.QuerySingle(InsertRow,
                    new { d = e.DeviceId, e = e.EventId, r = e.ReaderId, u = e.UserId, m = e.Method, dir = e.Direction, g = e.Granted, why = e.Reason ?? "", src = e.Source, at = e.OccurredAt, now = _ctx.NowMs,
                        j = e.JournalId, rc = e.RetroChecked, f = e.Fraud, h = e.CredentialHash, q = e.RequestId, p = e.Passage, hp = e.CredentialPrefix, hm = e.CredentialMatch })?.Long("id");
            }
            if (id == null)
            {
                return null;
            }
            if (e.MovesPresence) Move(tx, e.UserId, e.ReaderId, e.Direction, e.OccurredAt, presenceMoves);
            return id;
        }

        private const string InsertRow = "INSERT INTO access_log (device_id, event_id, reader_id, user_id, method, direction, granted, reason, source, occurred_at, received_at, " +
            "journal_id, retro_checked, fraud, credential_hash, request_id, passage, credential_prefix, credential_match) " +
            "VALUES (@d, @e, @r, @u, @m, @dir, @g, @why, @src, @at, @now, @j, @rc, @f, @h, @q, @p, @hp, @hm) ON CONFLICT (device_id, event_id) DO NOTHING RETURNING id";

        /// <summary>A person's passage moves their presence (at once, or collected in <paramref name="presenceMoves"/>):
        /// a grant at a door without a contact as it is recorded, one at a door with a contact when the door opened.</summary>
        public void Move(Tx tx, string userId, string readerId, string direction, long atMs,
            Dictionary<string, (string State, string Reader, string Area, long At)> presenceMoves)
        {
            if ((direction != "entry" && direction != "exit") || !UserExists(tx, userId)) return;
            var move = (State: direction == "entry" ? "inside" : "outside", Reader: readerId, Area: DoorOf(tx, readerId).Area, At: atMs);
            if (presenceMoves == null) MovePresence(tx, userId, move);
            // Same outcome as one upsert per event: the newest wins, and of equally new ones the later one.
            else if (!presenceMoves.TryGetValue(userId, out var had) || had.At <= move.At) presenceMoves[userId] = move;
        }

        /// <summary>Whether the door a reader belongs to has a contact (a person's grant there awaits the opening).</summary>
        public bool HasContact(Tx tx, string readerId) => DoorOf(tx, readerId).Contact;

        /// <summary>
        /// PostgreSQL: a whole batch of rows in one statement and their presence moves in a second (instead of two
        /// round trips per row: with several instances the batch's locks are held meanwhile). Returns the ids of the
        /// rows inserted by (device, event id); a row that was already there is absent, as <see cref="Record(Tx, AccessEvent)"/> returns null.
        /// </summary>
        public Dictionary<(string Device, long EventId), long> RecordAll(Tx tx, List<AccessEvent> events)
        {
            int n = events.Count;
            var ids = new Dictionary<(string, long), long>(n);
            if (n == 0) return ids;
            var d = new string[n]; var ev = new long[n]; var r = new string[n]; var u = new string[n]; var m = new string[n]; var dir = new string[n];
            var g = new int[n]; var why = new string[n]; var src = new string[n]; var at = new long[n]; var j = new long?[n]; var rc = new int[n]; var f = new int[n]; var h = new string[n];
            var q = new string[n]; var pass = new string[n]; var hp = new string[n]; var hm = new string[n];
            for (int i = 0; i < n; i++)
            {
                var e = events[i];
                (d[i], ev[i], r[i], u[i], m[i], dir[i], g[i], why[i], src[i]) = (e.DeviceId, e.EventId, e.ReaderId, e.UserId, e.Method, e.Direction, e.Granted ? 1 : 0, e.Reason ?? "", e.Source);
                (at[i], j[i], rc[i], f[i], h[i], q[i], pass[i]) = (e.OccurredAt, e.JournalId, e.RetroChecked ? 1 : 0, e.Fraud ? 1 : 0, e.CredentialHash, e.RequestId, e.Passage);
                (hp[i], hm[i]) = (e.CredentialPrefix, e.CredentialMatch);
            }
            // Presence moves of the batch (the newest per person), written by the same command as the rows: one round
            // trip. Online rows never collide (each instance has its own block of event ids), so every row is inserted.
            var moves = new Dictionary<string, (string State, string Reader, string Area, long At)>();
            foreach (var e in events)
            {
                if (!e.MovesPresence || !UserExists(tx, e.UserId)) continue;
                var move = (State: e.Direction == "entry" ? "inside" : "outside", Reader: e.ReaderId, Area: DoorOf(tx, e.ReaderId).Area, At: e.OccurredAt);
                if (!moves.TryGetValue(e.UserId, out var had) || had.At <= move.At) moves[e.UserId] = move;
            }
            var pu = new List<string>(); var ps = new List<string>(); var pr = new List<string>(); var pa = new List<string>(); var pt = new List<long>();
            foreach (var kv in moves) { pu.Add(kv.Key); ps.Add(kv.Value.State); pr.Add(kv.Value.Reader); pa.Add(kv.Value.Area); pt.Add(kv.Value.At); }
            var sets = tx.QueryResults(
                "INSERT INTO access_log (device_id, event_id, reader_id, user_id, method, direction, granted, reason, source, occurred_at, received_at, journal_id, retro_checked, fraud, credential_hash, request_id, passage, credential_prefix, credential_match) " +
                "SELECT d, e, r, u, m, dir, g, why, src, at, @now, j, rc, f, h, q, pass, hp, hm FROM unnest(@d::text[], @e::bigint[], @r::text[], @u::text[], @m::text[], @dir::text[], @g::int[], " +
                "@why::text[], @src::text[], @at::bigint[], @j::bigint[], @rc::int[], @f::int[], @h::text[], @q::text[], @pass::text[], @hp::text[], @hm::text[]) " +
                "AS x(d, e, r, u, m, dir, g, why, src, at, j, rc, f, h, q, pass, hp, hm) " +
                "ON CONFLICT (device_id, event_id) DO NOTHING RETURNING id, device_id, event_id;" +
                "INSERT INTO presence (user_id, state, reader_id, area_id, updated_at) SELECT * FROM unnest(@pu::text[], @ps::text[], @pr::text[], @pa::text[], @pt::bigint[]) " +
                "ON CONFLICT (user_id) DO UPDATE SET state = excluded.state, reader_id = excluded.reader_id, area_id = excluded.area_id, updated_at = excluded.updated_at " +
                "WHERE presence.updated_at <= excluded.updated_at",
                new { d, e = ev, r, u, m, dir, g, why, src, at, now = _ctx.NowMs, j, rc, f, h, q, pass, hp, hm, pu = pu.ToArray(), ps = ps.ToArray(), pr = pr.ToArray(), pa = pa.ToArray(), pt = pt.ToArray() });
            foreach (var row in sets[0]) ids[(row.Str("device_id"), row.Long("event_id"))] = row.Long("id");
            return ids;
        }

        /// <summary>Writes the presence changes collected by <see cref="Record(Tx, AccessEvent, Dictionary{string, ValueTuple{string, string, string, long}})"/>.</summary>
        public void FlushPresence(Tx tx, Dictionary<string, (string State, string Reader, string Area, long At)> presenceMoves)
        {
            foreach (var kv in presenceMoves) MovePresence(tx, kv.Key, kv.Value);
            presenceMoves.Clear();
        }

        private static void MovePresence(Tx tx, string userId, (string State, string Reader, string Area, long At) move)
        {
            if (tx.Prepared(UpsertPresence) is SqliteStatement st) st.Bind("@u", userId).Bind("@s", move.State).Bind("@r", move.Reader).Bind("@a", move.Area).Bind("@t", move.At).Run();
            else tx.Execute(UpsertPresence, new { u = userId, s = move.State, r = move.Reader, a = move.Area, t = move.At });
        }

        /// <summary>Replayed events arrive late and out of order: only a newer event may move presence.</summary>
        private const string UpsertPresence = "INSERT INTO presence (user_id, state, reader_id, area_id, updated_at) VALUES (@u, @s, @r, @a, @t) " +
            "ON CONFLICT (user_id) DO UPDATE SET state = excluded.state, reader_id = excluded.reader_id, area_id = excluded.area_id, updated_at = excluded.updated_at " +
            "WHERE presence.updated_at <= excluded.updated_at";

        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, (string Area, bool Contact)> _doorOfReader = new System.Collections.Concurrent.ConcurrentDictionary<string, (string, bool)>();
        private long _areaGeneration = -1;

        /// <summary>Users are never deleted (only revoked), so one that exists keeps existing.</summary>
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> _knownUsers = new System.Collections.Concurrent.ConcurrentDictionary<string, bool>();

        private bool UserExists(Tx tx, string userId)
        {
            if (_knownUsers.ContainsKey(userId)) return true;
            if (tx.QuerySingle("SELECT id FROM users WHERE id = @u", new { u = userId }) == null) return false;
            _knownUsers[userId] = true;
            return true;
        }

        /// <summary>The area a reader's passage moves presence in, and whether its door has a contact; cached until an
        /// admin change.</summary>
        private (string Area, bool Contact) DoorOf(Tx tx, string readerId)
        {
            if (readerId == null) return (null, false);
            long generation = _ctx.Generation;
            if (generation != System.Threading.Interlocked.Read(ref _areaGeneration))
            {
                _doorOfReader.Clear();
                System.Threading.Interlocked.Exchange(ref _areaGeneration, generation);
            }
            if (_doorOfReader.TryGetValue(readerId, out var door)) return door;
            var row = tx.QuerySingle("SELECT COALESCE(o.area_id, d.area_id) AS area, COALESCE(o.has_contact, 0) AS contact FROM readers r JOIN devices d ON d.id = r.device_id " +
                "LEFT JOIN doors o ON o.id = r.door_id WHERE r.id = @r", new { r = readerId });
            door = (row?.Str("area"), row != null && row.Long("contact") != 0);
            _doorOfReader[readerId] = door;
            return door;
        }

        public long? Record(AccessEvent e)
        {
            return _ctx.Db.InTransaction(tx => Record(tx, e));
        }

        /// <summary>Rows with id greater than <paramref name="afterId"/>, oldest first (the live history polls this).</summary>
        public List<Row> After(long afterId, int limit)
        {
            if (limit < 1 || limit > MaxPage) throw ApiException.BadRequest("limit must be 1-" + MaxPage);
            return _ctx.Db.Query("SELECT " + ShownColumns + " FROM access_log l LEFT JOIN users u ON u.id = l.user_id WHERE l.id > @a ORDER BY l.id LIMIT @n",
                new { a = afterId, n = (long)limit });
        }

        /// <summary>The newest rows, newest first.</summary>
        public List<Row> Latest(int limit)
        {
            if (limit < 1 || limit > MaxPage) throw ApiException.BadRequest("limit must be 1-" + MaxPage);
            return _ctx.Db.Query("SELECT " + ShownColumns + " FROM access_log l LEFT JOIN users u ON u.id = l.user_id ORDER BY l.id DESC LIMIT @n", new { n = (long)limit });
        }

        public long Count()
        {
            return _ctx.Db.QuerySingle("SELECT COUNT(*) AS n FROM access_log").Long("n");
        }

        /// <summary>The last known entry/exit of the user across every reader (S115 reads this).</summary>
        public Row LastDirection(Tx tx, string userId, long beforeMs)
        {
            return tx.QuerySingle("SELECT direction, reader_id, occurred_at FROM access_log WHERE user_id = @u AND granted = 1 AND direction IN ('entry', 'exit') AND occurred_at < @t ORDER BY occurred_at DESC, id DESC LIMIT 1",
                new { u = userId, t = beforeMs });
        }

        public List<Row> Presence()
        {
            return _ctx.Db.Query("SELECT p.*, u.name AS user_name, u.attribute FROM presence p JOIN users u ON u.id = p.user_id ORDER BY p.updated_at DESC");
        }
    }
}

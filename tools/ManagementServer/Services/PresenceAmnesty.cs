using System;
using System.Collections.Generic;
using DoorController.Server.Api;
using DoorController.Server.Storage;

namespace DoorController.Server.Services
{
    /// <summary>
    /// Amnesty (anti-passback reset): forgets where a person — or everyone inside an area and the areas nested in it —
    /// was last seen, so their next passage in either direction is not judged against a record that no longer tells the
    /// truth (someone let out through a fire door, a guest walked out with their host). Each amnesty is recorded with
    /// who granted it and why, besides the audit trail entry of the call. The online decider forgets the same people
    /// through <see cref="Forgiven"/>; controllers need nothing, as they skip anti-passback offline.
    /// </summary>
    public sealed class PresenceAmnesty
    {
        private readonly ServerContext _ctx;

        public PresenceAmnesty(ServerContext ctx)
        {
            _ctx = ctx;
        }

        /// <summary>Called with the user ids forgiven, after the change is committed (the MQTT bridge's decider listens).</summary>
        public event Action<IReadOnlyCollection<string>> Forgiven;

        /// <summary>Forgives one person; returns how many presence records were forgotten (0 or 1).</summary>
        public int ForPerson(string userId, string grantedBy, string note)
        {
            CheckNote(note);
            int forgotten = _ctx.Db.InTransaction(tx =>
            {
                if (tx.QuerySingle("SELECT id FROM users WHERE id = @u", new { u = userId }) == null) throw ApiException.NotFound("user", userId);
                int n = tx.Execute("DELETE FROM presence WHERE user_id = @u", new { u = userId });
                Record(tx, userId, null, n, grantedBy, note);
                return n;
            });
            Forgiven?.Invoke(new[] { userId });
            return forgotten;
        }

        /// <summary>Forgives everyone the presence records put inside the area (nested areas included); returns how many.</summary>
        public int ForArea(string areaId, string grantedBy, string note)
        {
            CheckNote(note);
            var users = _ctx.Db.InTransaction(tx =>
            {
                if (tx.QuerySingle("SELECT id FROM areas WHERE id = @a", new { a = areaId }) == null) throw ApiException.NotFound("area", areaId);
                var parentOf = new Dictionary<string, string>();
                foreach (var a in tx.Query("SELECT id, parent_id FROM areas")) parentOf[a.Str("id")] = a.Str("parent_id");
                var inside = new List<string>();
                foreach (var p in tx.Query("SELECT user_id, state, area_id FROM presence"))
                {
                    string at = PresenceView.LocationOf(p.Str("state"), p.Str("area_id"), parentOf, out bool onSite);
                    if (onSite && at != null && PresenceView.Within(at, areaId, parentOf)) inside.Add(p.Str("user_id"));
                }
                foreach (string u in inside) tx.Execute("DELETE FROM presence WHERE user_id = @u", new { u });
                Record(tx, null, areaId, inside.Count, grantedBy, note);
                return inside;
            });
            Forgiven?.Invoke(users);
            return users.Count;
        }

        public List<Row> Recent(int limit)
        {
            return _ctx.Db.Query("SELECT m.id, m.at, m.user_id, u.name AS user_name, m.area_id, a.name AS area_name, m.people, m.granted_by, m.note " +
                "FROM presence_amnesties m LEFT JOIN users u ON u.id = m.user_id LEFT JOIN areas a ON a.id = m.area_id ORDER BY m.id DESC LIMIT @n", new { n = (long)limit });
        }

        private void Record(Tx tx, string userId, string areaId, int people, string grantedBy, string note)
        {
            tx.Execute("INSERT INTO presence_amnesties (at, user_id, area_id, people, granted_by, note) VALUES (@t, @u, @a, @n, @b, @note)",
                new { t = _ctx.NowMs, u = userId, a = areaId, n = (long)people, b = grantedBy, note });
        }

        private static void CheckNote(string note)
        {
            if (string.IsNullOrWhiteSpace(note) || note.Length > 500) throw ApiException.BadRequest("note is required (why the amnesty, 1-500 characters)");
        }
    }
}

using System.Collections.Generic;
using DoorController.Server.Api;
using DoorController.Server.Storage;

namespace DoorController.Server.Services
{
    /// <summary>
    /// The person page's changes beyond registration: profile (name, attribute, title, contact, inviter, validity),
    /// revoking every credential at once, permissions for every reader of a door or an area (a group), and removing a
    /// schedule entry or a notification route. Each is one transaction through <see cref="UserRegistry.Change"/>, so
    /// exactly the controllers that carry the person get a new cache version.
    /// </summary>
    public sealed class PersonEditor
    {
        private readonly ServerContext _ctx;
        private readonly CacheVersions _versions;

        public PersonEditor(ServerContext ctx, CacheVersions versions)
        {
            _ctx = ctx;
            _versions = versions;
        }

        /// <summary>Set from <see cref="ServerServices"/> (the registry holds the write path for users).</summary>
        internal UserRegistry Users { get; set; }

        /// <summary>Replaces the profile fields; the attribute and validity travel to the controllers.</summary>
        public void UpdateProfile(string userId, string name, string attribute, string title, string contact, string inviterId, long? validFrom, long? validUntil)
        {
            if (string.IsNullOrWhiteSpace(name) || name.Length > UserRegistry.MaxNameLength) throw ApiException.BadRequest("name is required (1-" + UserRegistry.MaxNameLength + " characters)");
            if (!Vocabulary.Contains(Vocabulary.Attributes, attribute)) throw ApiException.BadRequest("attribute must be one of: " + string.Join(", ", Vocabulary.Attributes));
            if (validFrom.HasValue && validUntil.HasValue && validUntil <= validFrom) throw ApiException.BadRequest("validUntil must be after validFrom");
            if (attribute == "guest" && inviterId == null) throw ApiException.BadRequest("a guest needs an inviterId");
            if (inviterId == userId) throw ApiException.BadRequest("a person cannot invite themselves");
            Users.Change(userId, tx =>
            {
                if (inviterId != null && tx.QuerySingle("SELECT id FROM users WHERE id = @i", new { i = inviterId }) == null) throw ApiException.NotFound("inviter", inviterId);
                tx.Execute("UPDATE users SET name = @n, attribute = @a, title = @t, contact = @c, inviter_id = @i, valid_from = @vf, valid_until = @vu WHERE id = @u",
                    new { n = name.Trim(), a = attribute, t = title, c = contact, i = inviterId, vf = validFrom, vu = validUntil, u = userId });
                return userId;
            });
        }

        /// <summary>Revokes every active credential of the person (a lost wallet); the person stays. Returns how many.</summary>
        public int RevokeAllCredentials(string userId)
        {
            int n = 0;
            Users.Change(userId, tx =>
            {
                n = tx.Execute("UPDATE credentials SET revoked = 1 WHERE user_id = @u AND revoked = 0", new { u = userId });
                return userId;
            });
            return n;
        }

        /// <summary>The same windows on every reader of a door, or of an area and the areas nested in it (readers
        /// of doors in the area, and of controllers placed in it without a door area); returns the permission ids.</summary>
        public List<string> GrantGroup(string userId, string doorId, string areaId, List<WindowInput> windows)
        {
            if ((doorId == null) == (areaId == null)) throw ApiException.BadRequest("give either doorId or areaId");
            return _ctx.Db.InTransaction(tx =>
            {
                var readers = ReadersOf(tx, doorId, areaId);
                if (readers.Count == 0) throw ApiException.BadRequest("that " + (doorId != null ? "door" : "area") + " has no readers yet");
                var ids = new List<string>();
                UserRegistry.RequireUser(tx, userId);
                var before = CacheVersions.DevicesOfUser(tx, userId);
                foreach (string reader in readers)
                {
                    var p = new PermissionInput(reader, windows);
                    UserRegistry.CheckPermission(p);
                    ids.Add(Users.WritePermission(tx, userId, p));
                }
                _versions.UserChanged(tx, userId, before);
                return ids;
            });
        }

        private static List<string> ReadersOf(Tx tx, string doorId, string areaId)
        {
            var readers = new List<string>();
            if (doorId != null)
            {
                if (tx.QuerySingle("SELECT id FROM doors WHERE id = @o", new { o = doorId }) == null) throw ApiException.NotFound("door", doorId);
                foreach (var r in tx.Query("SELECT id FROM readers WHERE door_id = @o ORDER BY id", new { o = doorId })) readers.Add(r.Str("id"));
                return readers;
            }
            if (tx.QuerySingle("SELECT id FROM areas WHERE id = @a", new { a = areaId }) == null) throw ApiException.NotFound("area", areaId);
            var parentOf = new Dictionary<string, string>();
            foreach (var a in tx.Query("SELECT id, parent_id FROM areas")) parentOf[a.Str("id")] = a.Str("parent_id");
            foreach (var r in tx.Query("SELECT r.id, COALESCE(o.area_id, d.area_id) AS area FROM readers r JOIN devices d ON d.id = r.device_id " +
                "LEFT JOIN doors o ON o.id = r.door_id WHERE d.revoked = 0 ORDER BY r.id"))
            {
                if (r.Str("area") != null && PresenceView.Within(r.Str("area"), areaId, parentOf)) readers.Add(r.Str("id"));
            }
            return readers;
        }

        public void RemoveSchedule(string scheduleId)
        {
            _ctx.Db.InTransaction(tx =>
            {
                if (tx.Execute("DELETE FROM schedules WHERE id = @s", new { s = scheduleId }) == 0) throw ApiException.NotFound("schedule entry", scheduleId);
                _ctx.Changed();
            });
        }

        /// <summary>Fig 9B: stops sending this person's alerts at this reader to this target.</summary>
        public void RemoveRoute(string routeId)
        {
            _ctx.Db.InTransaction(tx =>
            {
                if (tx.Execute("DELETE FROM notification_routes WHERE id = @r", new { r = routeId }) == 0) throw ApiException.NotFound("route", routeId);
                _ctx.Changed();
            });
        }
    }
}

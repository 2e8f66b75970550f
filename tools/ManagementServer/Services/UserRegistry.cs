using System.Collections.Generic;
using DoorController.Server.Api;
using DoorController.Server.Storage;

namespace DoorController.Server.Services
{
    /// <summary>
    /// User management (Fig 3A/3C/7/9B): registration (S21 new id, S22 attributes and authority, S23 credentials),
    /// credentials as keyed hashes, permissions with weekly windows, notification routes, schedules and revocation.
    /// Each operation is one transaction that validates before it writes and bumps the cache version of exactly
    /// the controllers whose view of the user changed.
    /// </summary>
    public sealed class UserRegistry
    {
        public const int MaxNameLength = 200;
        /// <summary>A key valid after its first use lasts at most this long (the store keeps minutes in 16 bits).</summary>
        public const int MaxMinutesAfterFirstUse = ushort.MaxValue;
        private readonly ServerContext _ctx;
        private readonly CacheVersions _versions;

        public UserRegistry(ServerContext ctx, CacheVersions versions)
        {
            _ctx = ctx;
            _versions = versions;
        }

        public string Register(UserInput input)
        {
            return _ctx.Db.InTransaction(tx => Register(tx, input));
        }

        /// <summary>Registers inside the caller's transaction (a bulk import is one transaction).</summary>
        internal string Register(Tx tx, UserInput input)
        {
            Check(input);
            if (input.InviterId != null && tx.QuerySingle("SELECT id FROM users WHERE id = @i", new { i = input.InviterId }) == null)
            {
                throw ApiException.NotFound("inviter", input.InviterId);
            }
            string id = Ids.New("u"); // S21
            NumericIds.Assign(tx, id);
            tx.Execute("INSERT INTO users (id, name, attribute, title, contact, inviter_id, valid_from, valid_until, revoked, extended_access, created_at) " +
                "VALUES (@id, @n, @a, @t, @c, @i, @vf, @vu, 0, @x, @now)",
                new { id, n = input.Name.Trim(), a = input.Attribute, t = input.Title, c = input.Contact, i = input.InviterId, vf = input.ValidFrom, vu = input.ValidUntil,
                    x = input.ExtendedAccess, now = _ctx.NowMs });
            foreach (var p in input.Permissions ?? new List<PermissionInput>())
            {
                WritePermission(tx, id, p); // S22
            }
            foreach (var c in input.Credentials ?? new List<CredentialInput>())
            {
                WriteCredential(tx, id, c); // S23
            }
            foreach (var r in input.Routes ?? new List<RouteInput>())
            {
                WriteRoute(tx, id, r); // Fig 9B
            }
            _versions.UserChanged(tx, id, new HashSet<string>());
            return id;
        }

        public string AddCredential(string userId, CredentialInput c)
        {
            return Change(userId, tx => WriteCredential(tx, userId, c));
        }

        public void RevokeCredential(string credentialId)
        {
            var row = _ctx.Db.QuerySingle("SELECT user_id FROM credentials WHERE id = @c", new { c = credentialId });
            if (row == null)
            {
                throw ApiException.NotFound("credential", credentialId);
            }
            Change(row.Str("user_id"), tx => { tx.Execute("UPDATE credentials SET revoked = 1 WHERE id = @c", new { c = credentialId }); return credentialId; });
        }

        public void RevokeUser(string userId)
        {
            Change(userId, tx => { tx.Execute("UPDATE users SET revoked = 1 WHERE id = @u", new { u = userId }); tx.Execute("UPDATE credentials SET revoked = 1 WHERE user_id = @u", new { u = userId }); return userId; });
        }

        public string SetPermission(string userId, PermissionInput p)
        {
            CheckPermission(p);
            return Change(userId, tx => WritePermission(tx, userId, p));
        }

        public void RemovePermission(string permissionId)
        {
            var row = _ctx.Db.QuerySingle("SELECT user_id FROM permissions WHERE id = @p", new { p = permissionId });
            if (row == null)
            {
                throw ApiException.NotFound("permission", permissionId);
            }
            Change(row.Str("user_id"), tx =>
            {
                tx.Execute("DELETE FROM permission_windows WHERE permission_id = @p", new { p = permissionId });
                tx.Execute("DELETE FROM permissions WHERE id = @p", new { p = permissionId });
                return permissionId;
            });
        }

        /// <summary>Fig 9B: where a fraud judgment about this user at this reader is sent.</summary>
        public string AddRoute(string userId, string readerId, string channel, string target, string content)
        {
            var route = new RouteInput(readerId, channel, target, content);
            CheckRoute(route);
            return _ctx.Db.InTransaction(tx =>
            {
                RequireUser(tx, userId);
                return WriteRoute(tx, userId, route);
            });
        }

        /// <summary>Whether doors stay released longer for this person; every controller they may use gets it.</summary>
        public void SetExtendedAccess(string userId, bool extended)
        {
            Change(userId, tx => { tx.Execute("UPDATE users SET extended_access = @x WHERE id = @u", new { x = extended, u = userId }); return userId; });
        }

        /// <summary>First-person-in: whether this person's entry starts a door's office mode; every controller they may use gets it.</summary>
        public void SetOfficeMode(string userId, bool designated)
        {
            Change(userId, tx => { tx.Execute("UPDATE users SET office_mode = @o WHERE id = @u", new { o = designated, u = userId }); return userId; });
        }

        public static void CheckRoute(RouteInput r)
        {
            if (r == null || string.IsNullOrEmpty(r.ReaderId)) throw ApiException.BadRequest("a route needs a readerId");
            if (!Vocabulary.Contains(Vocabulary.Channels, r.Channel)) throw ApiException.BadRequest("channel must be one of: mqtt, webhook");
            if (string.IsNullOrWhiteSpace(r.Target) || r.Target.Length > 500) throw ApiException.BadRequest("target must be 1-500 characters");
            if (r.Channel == "webhook" && !(r.Target.StartsWith("http://") || r.Target.StartsWith("https://"))) throw ApiException.BadRequest("a webhook target must be an http(s) URL");
            if (r.Channel == "mqtt" && !IsTerminalTopic(r.Target) && !NotificationRouter.IsControllerNotifyTopic(r.Target, out _))
            {
                // Besides its protocol topics the broker lets the server publish only terminal topics (docs/protocol.md,
                // "Broker identities"); a controller's own notify topic gets the sealed door notification.
                throw ApiException.BadRequest("an mqtt target must be a terminal topic " + DoorController.Contract.LinkTopics.TerminalPrefix
                    + "<name> (A-Z a-z 0-9 - _) or a controller's door terminal " + DoorController.Contract.LinkTopics.Root + "/dev/<id>/notify");
            }
        }

        private static bool IsTerminalTopic(string topic) =>
            topic.StartsWith(DoorController.Contract.LinkTopics.TerminalPrefix, System.StringComparison.Ordinal)
            && DoorController.Contract.LinkTopics.IsValidDeviceId(topic.Substring(DoorController.Contract.LinkTopics.TerminalPrefix.Length));

        private string WriteRoute(Tx tx, string userId, RouteInput r)
        {
            CheckRoute(r);
            RequireReader(tx, r.ReaderId);
            string id = Ids.New("n");
            tx.Execute("INSERT INTO notification_routes (id, user_id, reader_id, channel, target, content) VALUES (@id, @u, @r, @c, @t, @m)",
                new { id, u = userId, r = r.ReaderId, c = r.Channel, t = r.Target, m = r.Content ?? "fraud" });
            return id;
        }

        /// <summary>Fig 7: an event the user attends, with its place and time (behaviour information).</summary>
        public string AddSchedule(string userId, string title, string location, long startsAt, long endsAt, double? latitude = null, double? longitude = null)
        {
            if (string.IsNullOrWhiteSpace(title) || string.IsNullOrWhiteSpace(location)) throw ApiException.BadRequest("title and location are required");
            if (endsAt <= startsAt) throw ApiException.BadRequest("endsAt must be after startsAt");
            if (latitude.HasValue != longitude.HasValue) throw ApiException.BadRequest("give both latitude and longitude or neither");
            if (latitude.HasValue && (latitude < -90 || latitude > 90 || longitude < -180 || longitude > 180)) throw ApiException.BadRequest("latitude must be -90..90 and longitude -180..180");
            return _ctx.Db.InTransaction(tx =>
            {
                RequireUser(tx, userId);
                string id = Ids.New("s");
                tx.Execute("INSERT INTO schedules (id, user_id, title, location, starts_at, ends_at, latitude, longitude) VALUES (@id, @u, @t, @l, @s, @e, @lat, @lon)",
                    new { id, u = userId, t = title, l = location, s = startsAt, e = endsAt, lat = latitude, lon = longitude });
                _ctx.Changed();
                return id;
            });
        }

        /// <summary>One change to a user in one transaction: the controllers that carried the user before or carry it after get a new version.</summary>
        internal string Change(string userId, System.Func<Tx, string> work)
        {
            return _ctx.Db.InTransaction(tx =>
            {
                RequireUser(tx, userId);
                var before = CacheVersions.DevicesOfUser(tx, userId);
                string result = work(tx);
                _versions.UserChanged(tx, userId, before);
                return result;
            });
        }

        private string WriteCredential(Tx tx, string userId, CredentialInput c)
        {
            CheckCredential(c);
            // QR and BLE identify the user by number (the token carries it); the others hash what was typed.
            string hash = c.Method == "qr" || c.Method == "ble"
                ? _ctx.Hasher.Hash(c.Method == "qr" ? DoorController.Access.CredentialMethod.Qr : DoorController.Access.CredentialMethod.Ble, CredentialHasher.UserRefValue(NumericIds.Of(tx, userId)))
                : _ctx.Hasher.Hash(c.Method, c.Value);
            if (tx.QuerySingle("SELECT id FROM credentials WHERE method = @m AND hash = @h", new { m = c.Method, h = hash }) != null)
            {
                throw ApiException.Conflict("this " + c.Method + " credential is already registered");
            }
            string id = Ids.New("c");
            tx.Execute("INSERT INTO credentials (id, user_id, method, hash, one_time, valid_from, valid_until, revoked, created_at, duress, minutes_after_first_use) " +
                "VALUES (@id, @u, @m, @h, @o, @vf, @vu, 0, @now, @du, @mf)",
                new { id, u = userId, m = c.Method, h = hash, o = c.OneTime, vf = c.ValidFrom, vu = c.ValidUntil, now = _ctx.NowMs, du = c.Duress, mf = c.MinutesAfterFirstUse });
            return id;
        }

        internal string WritePermission(Tx tx, string userId, PermissionInput p)
        {
            RequireReader(tx, p.ReaderId);
            var existing = tx.QuerySingle("SELECT id FROM permissions WHERE user_id = @u AND reader_id = @r", new { u = userId, r = p.ReaderId });
            string id = existing != null ? existing.Str("id") : Ids.New("p");
            if (existing == null)
            {
                tx.Execute("INSERT INTO permissions (id, user_id, reader_id, created_at) VALUES (@id, @u, @r, @now)", new { id, u = userId, r = p.ReaderId, now = _ctx.NowMs });
            }
            WeeklyWindowTable.Permission.Replace(tx, id, p.Windows);
            return id;
        }

        private static void Check(UserInput u)
        {
            if (string.IsNullOrWhiteSpace(u.Name) || u.Name.Length > MaxNameLength) throw ApiException.BadRequest("name is required (1-" + MaxNameLength + " characters)");
            if (!Vocabulary.Contains(Vocabulary.Attributes, u.Attribute)) throw ApiException.BadRequest("attribute must be one of: " + string.Join(", ", Vocabulary.Attributes));
            if (u.ValidFrom.HasValue && u.ValidUntil.HasValue && u.ValidUntil <= u.ValidFrom) throw ApiException.BadRequest("validUntil must be after validFrom");
            if (u.Attribute == "guest" && u.InviterId == null) throw ApiException.BadRequest("a guest needs an inviterId");
            foreach (var c in u.Credentials ?? new List<CredentialInput>()) CheckCredential(c);
            foreach (var p in u.Permissions ?? new List<PermissionInput>()) CheckPermission(p);
        }

        private static void CheckCredential(CredentialInput c)
        {
            if (c == null || !CredentialHasher.IsKnownMethod(c.Method)) throw ApiException.BadRequest("credential method must be one of: nfc, wiegand, pin, qr, ble, face");
            if (c.Method != "qr" && c.Method != "ble" && !CredentialHasher.IsValidText(c.Method, c.Value))
            {
                throw ApiException.BadRequest("credential value is not a valid " + c.Method + " value (" + ValueHint(c.Method) + ")");
            }
            if (c.ValidFrom.HasValue && c.ValidUntil.HasValue && c.ValidUntil <= c.ValidFrom) throw ApiException.BadRequest("credential validUntil must be after validFrom");
            // A duress code is typed on the keypad like the person's normal PIN; a card cannot be "the other card".
            if (c.Duress && c.Method != "pin") throw ApiException.BadRequest("a duress code must be a pin");
            if (c.Duress && (c.OneTime || c.MinutesAfterFirstUse.HasValue)) throw ApiException.BadRequest("a duress code cannot also be a one-time or expiring key");
            if (c.OneTime && c.MinutesAfterFirstUse.HasValue) throw ApiException.BadRequest("give oneTime or minutesAfterFirstUse, not both");
            if (c.MinutesAfterFirstUse is int m && (m < 1 || m > MaxMinutesAfterFirstUse)) throw ApiException.BadRequest("minutesAfterFirstUse must be 1-" + MaxMinutesAfterFirstUse);
        }

        private static string ValueHint(string method)
        {
            switch (method)
            {
                case "nfc": return "a 4, 7 or 10-byte UID in hex";
                case "pin": return DoorController.Access.PinRule.MinimumDigits + "-" + DoorController.Access.PinRule.MaximumDigits + " digits";
                case "wiegand": return "facility/card or 8 hex digits";
                default: return "1-32 bytes in hex";
            }
        }

        internal static void CheckPermission(PermissionInput p)
        {
            if (p == null || string.IsNullOrEmpty(p.ReaderId)) throw ApiException.BadRequest("permission needs a readerId");
            if (p.Windows == null || p.Windows.Count == 0 || p.Windows.Count > 32) throw ApiException.BadRequest("permission needs 1-32 time windows");
            foreach (var w in p.Windows)
            {
                if (w.DaysMask < 1 || w.DaysMask > 255) throw ApiException.BadRequest("window days must be a mask 1-255 (bit n = weekday n, Sunday = 0; 128 = holidays)");
                if (w.StartMinute < 0 || w.StartMinute > 1439 || w.EndMinute < 0 || w.EndMinute > 1440 || w.EndMinute == w.StartMinute) throw ApiException.BadRequest("window needs start 0-1439 and end 0-1440 minutes, not equal (end < start crosses midnight)");
            }
        }

        internal static void RequireUser(Tx tx, string userId)
        {
            if (tx.QuerySingle("SELECT id FROM users WHERE id = @u", new { u = userId }) == null) throw ApiException.NotFound("user", userId);
        }

        internal static void RequireReader(Tx tx, string readerId)
        {
            if (tx.QuerySingle("SELECT id FROM readers WHERE id = @r", new { r = readerId }) == null) throw ApiException.NotFound("reader", readerId);
        }
    }
}

using System;
using System.Collections.Generic;
using DoorController.Access;
using DoorController.Core;
using DoorController.Server.Services;
using DoorController.Server.Storage;

namespace DoorController.Server.Decisions
{
    /// <summary>
    /// The server's tables loaded into the decision core's in-memory sources (firmware/Access/Memory), so online
    /// decisions run exactly the controller's pipeline. Rebuilt whenever an admin change bumps the generation;
    /// presence, last sightings and use counters live outside the snapshot (<see cref="OnlineDecider"/>).
    /// A row that cannot be read (a value of the wrong type, a damaged record) is left out and reported, never
    /// allowed to fail the whole load: leaving a row out only removes what it would grant (a bad time window drops
    /// its whole permission, not just the window, since a permission without windows means "at any time").
    /// </summary>
    public sealed class DecisionSnapshot
    {
        /// <summary>The area a reader controls when neither its door nor its controller names one.</summary>
        public const int SiteAreaNumber = int.MaxValue - 1;

        public InMemoryCredentialDirectory Credentials { get; } = new InMemoryCredentialDirectory();
        public InMemoryUserDirectory Users { get; } = new InMemoryUserDirectory();
        public InMemorySite Site { get; } = new InMemorySite();
        public InMemoryPermissions Permissions { get; } = new InMemoryPermissions();
        public InMemoryPolicies Policies { get; } = new InMemoryPolicies();
        public InMemorySchedule Schedule { get; } = new InMemorySchedule();
        /// <summary>The site's zone and holidays (Services/SiteCalendar): what permission windows are evaluated in.</summary>
        public SiteTimeZone TimeZone { get; private set; } = new SiteTimeZone();
        public HolidayList Holidays { get; private set; } = new HolidayList();

        /// <summary>Reader number → (controller id, reader id).</summary>
        public Dictionary<int, (string Device, string Reader)> Readers { get; } = new Dictionary<int, (string, string)>();
        /// <summary>User number → user id.</summary>
        public Dictionary<int, string> UserIds { get; } = new Dictionary<int, string>();
        /// <summary>Credential index → credential id (to spend one-time codes).</summary>
        public Dictionary<int, string> CredentialIds { get; } = new Dictionary<int, string>();
        /// <summary>First uses known for keys limited by their first use (one-time keys leave the snapshot once
        /// used; keys valid after their first use stay, with the earliest use known).</summary>
        public KeyUseTable KeyUses { get; private set; } = new KeyUseTable(0);

        /// <summary>Carries first uses recorded by online decisions since <paramref name="older"/> was loaded (their
        /// database writes may still be queued) into this snapshot, for the keys it still holds.</summary>
        public void KeepFirstUses(DecisionSnapshot older)
        {
            var hash = new byte[DoorController.Access.CredentialHasher.HashLength];
            var info = new CredentialInfo();
            for (int i = 0; i < older.KeyUses.Count; i++)
            {
                long at = older.KeyUses.EntryAt(i, hash, 0);
                if (Credentials.Find(hash, 0, info) == ReasonCode.Granted && KeyUseCheck.IsLimitedByFirstUse(info)) KeyUses.RecordUse(hash, 0, at);
            }
        }

        /// <summary>The last second a credential may be used as far as the server knows: a key valid for some minutes after
        /// its first use ends then (controllers learn it from their bundle even if the first use was elsewhere).</summary>
        public long EffectiveValidTo(CredentialInfo c)
        {
            if (!c.HasFlag(CredentialFlags.ExpiresAfterFirstUse)) return c.ValidToUnix;
            long first = KeyUses.FirstUse(c.Hash, 0);
            if (first == 0) return c.ValidToUnix;
            long end = first + c.UsesAllowed * KeyUseCheck.SecondsPerMinute;
            return c.ValidToUnix == 0 ? end : Math.Min(c.ValidToUnix, end);
        }
        /// <summary>Area id → number (for presence restored from the database).</summary>
        public Dictionary<string, int> AreaNumbers { get; } = new Dictionary<string, int>();
        /// <summary>The rows left out of this snapshot, with why.</summary>
        public List<string> Skipped { get; } = new List<string>();

        public static DecisionSnapshot Load(Database db)
        {
            var s = new DecisionSnapshot { TimeZone = SiteCalendar.ZoneOf(db), Holidays = SiteCalendar.HolidaysOf(db) };
            var nums = new Dictionary<string, int>();
            s.Each(db.Query("SELECT num, ref FROM numeric_ids"), "numeric_ids", r => nums[r.Str("ref")] = checked((int)r.Long("num")));
            int Num(string id) => id != null && nums.TryGetValue(id, out int n) ? n : 0;

            s.Site.AddArea(new Area(SiteAreaNumber, 0, "site"));
            s.Each(db.Query("SELECT id, name, parent_id FROM areas"), "areas", a =>
            {
                s.AreaNumbers[a.Str("id")] = Num(a.Str("id"));
                s.Site.AddArea(new Area(Num(a.Str("id")), Num(a.Str("parent_id")), a.Str("name")));
            });
            // A door with a contact: the core awaits the opening before a person's presence moves (S116).
            // Office mode (first-person-in): the door's windows.
            var officeWindows = WindowsBy(s, db, "door_office_windows", "door_id");
            s.Each(db.Query("SELECT o.id, o.name, o.unlock_ms, o.has_contact FROM doors o JOIN devices d ON d.id = o.device_id WHERE d.revoked = 0"), "doors", d =>
            {
                var door = new DoorInfo(Num(d.Str("id")), d.Str("name"), d.Bool("has_contact"), checked((int)(d.NLong("unlock_ms") ?? AccessOptions.DefaultUnlockMillisecondsValue)));
                if (officeWindows.TryGetValue(d.Str("id"), out var office)) door.OfficeModeWindows = office.ToArray();
                s.Site.AddDoor(door);
            });
            var cardPinWindows = WindowsBy(s, db, "reader_card_pin_windows", "reader_id");
            s.Each(db.Query("SELECT r.id, r.name, r.device_id, r.door_id, r.usage, r.latitude, r.longitude, r.card_pin_seconds, COALESCE(o.area_id, d.area_id) AS area " +
                "FROM readers r JOIN devices d ON d.id = r.device_id LEFT JOIN doors o ON o.id = r.door_id WHERE d.revoked = 0"), "readers", r =>
            {
                int num = Num(r.Str("id"));
                int area = r.Str("area") != null ? Num(r.Str("area")) : SiteAreaNumber;
                double? lat = r.NDouble("latitude"), lon = r.NDouble("longitude");
                var reader = s.Site.AddReader(num, r.Str("name"), Num(r.Str("door_id")), Usage(r.Str("usage")), Areas.ParentOf(s.Site, area), area);
                if (lat.HasValue) reader.SetGeo(lat.Value, lon.Value);
                if (cardPinWindows.TryGetValue(r.Str("id"), out var rule))
                {
                    reader.CardAndPinWindows = rule.ToArray();
                    reader.CardAndPinSeconds = checked((int)(r.NLong("card_pin_seconds") ?? 0));
                }
                s.Readers[num] = (r.Str("device_id"), r.Str("id"));
            });
            s.Each(db.Query("SELECT id, name, attribute, inviter_id, revoked, extended_access, office_mode FROM users"), "users", u =>
            {
                int num = Num(u.Str("id"));
                var user = new User(num, Attribute(u.Str("attribute")))
                {
                    InviterId = Num(u.Str("inviter_id")), Enabled = !u.Bool("revoked"), Name = u.Str("name"), ExtendedAccess = u.Bool("extended_access"),
                    OfficeModeHolder = u.Bool("office_mode"),
                };
                s.Users.Add(user);
                s.UserIds[num] = u.Str("id");
            });
            var firstUses = new List<(byte[] Hash, long At)>();
            int limitedKeys = 0;
            s.Each(db.Query("SELECT id, user_id, method, hash, one_time, valid_from, valid_until, duress, minutes_after_first_use, used_at, created_at FROM credentials " +
                "WHERE revoked = 0 AND (used_at IS NULL OR minutes_after_first_use IS NOT NULL)"), "credentials", c =>
            {
                byte[] hash;
                CredentialMethod method;
                if (!Hex.TryDecode(c.Str("hash"), out hash) || hash.Length != DoorController.Access.CredentialHasher.HashLength || !Services.CredentialHasher.TryMethod(c.Str("method"), out method))
                {
                    throw new FormatException("not a credential hash of a known method");
                }
                long from = StartSeconds(c.NLong("valid_from"), c.Long("created_at")), until = Seconds(c.NLong("valid_until"));
                bool oneTime = c.Bool("one_time");
                long? minutes = c.NLong("minutes_after_first_use");
                int flags = (oneTime ? CredentialFlags.OneTime : 0) | (c.Bool("duress") ? CredentialFlags.Duress : 0)
                    | (minutes.HasValue ? CredentialFlags.ExpiresAfterFirstUse : 0);
                var info = s.Credentials.Add(hash, Num(c.Str("user_id")), method, from, until, flags, minutes.HasValue ? checked((int)minutes.Value) : 0);
                s.CredentialIds[info.Index] = c.Str("id");
                if (minutes.HasValue && c.NLong("used_at") is long used) firstUses.Add((hash, used / 1000));
                if (oneTime || minutes.HasValue) limitedKeys++;
            });
            s.KeyUses = new KeyUseTable(limitedKeys + 1); // each limited key needs at most one entry: none is ever evicted
            foreach (var (hash, at) in firstUses) s.KeyUses.RecordUse(hash, 0, at);
            // One query for every window (a query per permission made a 5,000-user reload take seconds).
            var windowsOf = new Dictionary<string, List<TimeWindow>>();
            var badPermissions = new HashSet<string>();
            s.Each(db.Query("SELECT permission_id, days_mask, start_minute, end_minute FROM permission_windows ORDER BY id"), "permission_windows", w =>
            {
                var window = new TimeWindow(checked((int)w.Long("days_mask")), checked((int)w.Long("start_minute")), checked((int)w.Long("end_minute")));
                if (!windowsOf.TryGetValue(w.Str("permission_id"), out var list)) windowsOf[w.Str("permission_id")] = list = new List<TimeWindow>();
                list.Add(window);
            }, w => badPermissions.Add(w.Str("permission_id") ?? ""));
            s.Each(db.Query("SELECT p.id, p.user_id, p.reader_id, u.valid_from, u.valid_until, u.created_at FROM permissions p JOIN users u ON u.id = p.user_id"), "permissions", p =>
            {
                if (badPermissions.Contains(p.Str("id"))) throw new FormatException("one of its time windows cannot be read");
                var windows = windowsOf.TryGetValue(p.Str("id"), out var ws) ? ws : new List<TimeWindow>();
                s.Permissions.Add(Permission.ForUser(Num(p.Str("user_id")), PermissionTarget.Reader, Num(p.Str("reader_id")))
                    .During(windows.ToArray()).Between(StartSeconds(p.NLong("valid_from"), p.Long("created_at")), Seconds(p.NLong("valid_until"))));
            });
            s.Each(db.Query("SELECT attribute, fraud_on_violation FROM site_policies"), "site_policies", f =>
            {
                bool fraud = f.Bool("fraud_on_violation");
                s.Policies.Set(InMemoryPolicies.SiteWide, Attribute(f.Str("attribute")), SitePolicy.Default().WithApb(ApbMode.Hard, fraud, fraud));
            });
            s.Each(db.Query("SELECT reader_id, attribute, fraud_on_violation FROM fraud_policies"), "fraud_policies", f =>
            {
                bool fraud = f.Bool("fraud_on_violation");
                s.Policies.Set(Num(f.Str("reader_id")), Attribute(f.Str("attribute")), SitePolicy.Default().WithApb(ApbMode.Hard, fraud, fraud));
            });
            s.Each(db.Query("SELECT user_id, title, starts_at, ends_at, latitude, longitude FROM schedules WHERE latitude IS NOT NULL"), "schedules", e =>
                s.Schedule.Add(Num(e.Str("user_id")), ScheduleEntry.AtGeo(e.Long("starts_at") / 1000, e.Long("ends_at") / 1000,
                    e.NDouble("latitude").Value, e.NDouble("longitude").Value, e.Str("title"))));
            if (s.Skipped.Count > 0)
            {
                Console.Error.WriteLine("decision snapshot: left out " + s.Skipped.Count + " row(s) that cannot be read: " + string.Join("; ", s.Skipped.GetRange(0, Math.Min(5, s.Skipped.Count))));
            }
            return s;
        }

        /// <summary>Loads each row; a row whose values cannot be read is recorded in <see cref="Skipped"/> (and
        /// handed to <paramref name="bad"/>) instead of failing the snapshot.</summary>
        private void Each(List<Row> rows, string table, Action<Row> load, Action<Row> bad = null)
        {
            foreach (var r in rows)
            {
                try
                {
                    load(r);
                }
                catch (Exception e)
                {
                    Skipped.Add(table + " " + (r.Str("id") ?? r.Str("permission_id") ?? r.Str("reader_id") ?? "?") + ": " + e.Message);
                    bad?.Invoke(r);
                }
            }
        }

        /// <summary>Weekly windows of a window table (card + PIN per reader, office mode per door), by owner id.</summary>
        private static Dictionary<string, List<TimeWindow>> WindowsBy(DecisionSnapshot s, Database db, string table, string owner)
        {
            var byOwner = new Dictionary<string, List<TimeWindow>>();
            s.Each(db.Query("SELECT " + owner + " AS owner, days_mask, start_minute, end_minute FROM " + table + " ORDER BY id"), table, w =>
            {
                var window = new TimeWindow(checked((int)w.Long("days_mask")), checked((int)w.Long("start_minute")), checked((int)w.Long("end_minute")));
                if (!byOwner.TryGetValue(w.Str("owner"), out var list)) byOwner[w.Str("owner")] = list = new List<TimeWindow>();
                list.Add(window);
            });
            return byOwner;
        }

        private static long Seconds(long? ms) => ms.HasValue ? ms.Value / 1000 : 0;

        /// <summary>
        /// A validity start at or before the row's creation is no bound: nothing can be presented before it was issued,
        /// and a pass issued "now" must open a door whose clock runs a little behind the server's (a start equal to
        /// the issue second refused such a door's first use as not yet valid). A start in the future stays a bound.
        /// </summary>
        private static long StartSeconds(long? validFromMs, long createdAtMs) => validFromMs.HasValue && validFromMs.Value > createdAtMs ? validFromMs.Value / 1000 : 0;

        public static ReaderUsage Usage(string usage)
        {
            switch (usage)
            {
                case "entry": return ReaderUsage.Entry;
                case "exit": return ReaderUsage.Exit;
                default: return ReaderUsage.Toggle;
            }
        }

        public static UserAttribute Attribute(string attribute)
        {
            switch (attribute)
            {
                case "employee": return UserAttribute.Employee;
                case "guard": return UserAttribute.Guard;
                case "guest": return UserAttribute.Guest;
                case "resident": return UserAttribute.Resident;
                case "contractor": return UserAttribute.Contractor;
                case "delivery": return UserAttribute.Delivery;
                default: return UserAttribute.Unknown;
            }
        }

    }
}

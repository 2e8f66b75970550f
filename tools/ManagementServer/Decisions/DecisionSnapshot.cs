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

        /// <summary>Reader number → (controller id, reader id).</summary>
        public Dictionary<int, (string Device, string Reader)> Readers { get; } = new Dictionary<int, (string, string)>();
        /// <summary>User number → user id.</summary>
        public Dictionary<int, string> UserIds { get; } = new Dictionary<int, string>();
        /// <summary>Credential index → credential id (to spend one-time codes).</summary>
        public Dictionary<int, string> CredentialIds { get; } = new Dictionary<int, string>();
        /// <summary>Area id → number (for presence restored from the database).</summary>
        public Dictionary<string, int> AreaNumbers { get; } = new Dictionary<string, int>();

        public static DecisionSnapshot Load(Database db)
        {
            var s = new DecisionSnapshot();
            var nums = new Dictionary<string, int>();
            foreach (var r in db.Query("SELECT num, ref FROM numeric_ids")) nums[r.Str("ref")] = (int)r.Long("num");
            int Num(string id) => id != null && nums.TryGetValue(id, out int n) ? n : 0;

            s.Site.AddArea(new Area(SiteAreaNumber, 0, "site"));
            foreach (var a in db.Query("SELECT id, name, parent_id FROM areas"))
            {
                s.AreaNumbers[a.Str("id")] = Num(a.Str("id"));
                s.Site.AddArea(new Area(Num(a.Str("id")), Num(a.Str("parent_id")), a.Str("name")));
            }
            foreach (var d in db.Query("SELECT o.id, o.name FROM doors o JOIN devices d ON d.id = o.device_id WHERE d.revoked = 0"))
            {
                s.Site.AddDoor(new DoorInfo(Num(d.Str("id")), d.Str("name"), false, AccessOptions.DefaultUnlockMillisecondsValue));
            }
            foreach (var r in db.Query("SELECT r.id, r.name, r.device_id, r.door_id, r.usage, r.latitude, r.longitude, COALESCE(o.area_id, d.area_id) AS area " +
                "FROM readers r JOIN devices d ON d.id = r.device_id LEFT JOIN doors o ON o.id = r.door_id WHERE d.revoked = 0"))
            {
                int num = Num(r.Str("id"));
                int area = r.Str("area") != null ? Num(r.Str("area")) : SiteAreaNumber;
                var reader = s.Site.AddReader(num, r.Str("name"), Num(r.Str("door_id")), Usage(r.Str("usage")), Areas.ParentOf(s.Site, area), area);
                if (r.NDouble("latitude").HasValue) reader.SetGeo(r.NDouble("latitude").Value, r.NDouble("longitude").Value);
                s.Readers[num] = (r.Str("device_id"), r.Str("id"));
            }
            foreach (var u in db.Query("SELECT id, name, attribute, inviter_id, revoked FROM users"))
            {
                int num = Num(u.Str("id"));
                var user = new User(num, Attribute(u.Str("attribute"))) { InviterId = Num(u.Str("inviter_id")), Enabled = !u.Bool("revoked"), Name = u.Str("name") };
                s.Users.Add(user);
                s.UserIds[num] = u.Str("id");
            }
            foreach (var c in db.Query("SELECT id, user_id, method, hash, one_time, valid_from, valid_until, created_at FROM credentials WHERE revoked = 0 AND used_at IS NULL"))
            {
                byte[] hash;
                CredentialMethod method;
                if (!Hex.TryDecode(c.Str("hash"), out hash) || hash.Length != DoorController.Access.CredentialHasher.HashLength || !Services.CredentialHasher.TryMethod(c.Str("method"), out method)) continue;
                var info = s.Credentials.Add(hash, Num(c.Str("user_id")), method, StartSeconds(c.NLong("valid_from"), c.Long("created_at")), Seconds(c.NLong("valid_until")),
                    c.Bool("one_time") ? CredentialFlags.OneTime : CredentialFlags.None, c.Bool("one_time") ? 1 : 0);
                s.CredentialIds[info.Index] = c.Str("id");
            }
            // One query for every window (a query per permission made a 5,000-user reload take seconds).
            var windowsOf = new Dictionary<string, List<TimeWindow>>();
            foreach (var w in db.Query("SELECT permission_id, days_mask, start_minute, end_minute FROM permission_windows ORDER BY id"))
            {
                if (!windowsOf.TryGetValue(w.Str("permission_id"), out var list)) windowsOf[w.Str("permission_id")] = list = new List<TimeWindow>();
                list.Add(new TimeWindow((int)w.Long("days_mask"), (int)w.Long("start_minute"), (int)w.Long("end_minute")));
            }
            foreach (var p in db.Query("SELECT p.id, p.user_id, p.reader_id, u.valid_from, u.valid_until, u.created_at FROM permissions p JOIN users u ON u.id = p.user_id"))
            {
                var windows = windowsOf.TryGetValue(p.Str("id"), out var ws) ? ws : new List<TimeWindow>();
                s.Permissions.Add(Permission.ForUser(Num(p.Str("user_id")), PermissionTarget.Reader, Num(p.Str("reader_id")))
                    .During(windows.ToArray()).Between(StartSeconds(p.NLong("valid_from"), p.Long("created_at")), Seconds(p.NLong("valid_until"))));
            }
            foreach (var f in db.Query("SELECT reader_id, attribute, fraud_on_violation FROM fraud_policies"))
            {
                bool fraud = f.Bool("fraud_on_violation");
                s.Policies.Set(Num(f.Str("reader_id")), Attribute(f.Str("attribute")), SitePolicy.Default().WithApb(ApbMode.Hard, fraud, fraud));
            }
            foreach (var e in db.Query("SELECT user_id, title, starts_at, ends_at, latitude, longitude FROM schedules WHERE latitude IS NOT NULL"))
            {
                s.Schedule.Add(Num(e.Str("user_id")), ScheduleEntry.AtGeo(e.Long("starts_at") / 1000, e.Long("ends_at") / 1000,
                    e.NDouble("latitude").Value, e.NDouble("longitude").Value, e.Str("title")));
            }
            return s;
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

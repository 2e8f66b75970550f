using System.Collections.Generic;
using DoorController.Server.Storage;

namespace DoorController.Server.Services
{
    /// <summary>
    /// The guard desk's picture of every controller and its doors: connection (from the status topic and its last
    /// will), each door's contact and lock as last reported (a controller's second door included), mode, the cache version installed against the one the server wants it
    /// to have, journal depth, firmware, time source, the last remote command with its result, and refusals in the
    /// last day. Read only; nothing here holds a key or a hash.
    /// </summary>
    public sealed class LiveDoors
    {
        private const long Day = 24L * 3600 * 1000;
        private readonly ServerContext _ctx;

        public LiveDoors(ServerContext ctx)
        {
            _ctx = ctx;
        }

        public List<Dictionary<string, object>> List()
        {
            long now = _ctx.NowMs;
            var db = _ctx.Db;
            var lastCommand = new Dictionary<string, Row>();
            foreach (var c in db.Query("SELECT c.id, c.device_id, c.door_id, c.command, c.issued_by, c.issued_at, c.published, c.result, c.result_at FROM commands c " +
                "WHERE c.id IN (SELECT MAX(id) FROM commands GROUP BY device_id)"))
            {
                lastCommand[c.Str("device_id")] = c;
            }
            var errors = new Dictionary<string, (long Count, string Last)>();
            foreach (var e in db.Query("SELECT device_id, COUNT(*) AS n, MAX(id) AS last FROM controller_errors WHERE at >= @since GROUP BY device_id", new { since = now - Day }))
            {
                var last = db.QuerySingle("SELECT topic, error FROM controller_errors WHERE id = @i", new { i = e.Long("last") });
                errors[e.Str("device_id")] = (e.Long("n"), last == null ? null : last.Str("error") + " (" + last.Str("topic") + ")");
            }
            var list = new List<Dictionary<string, object>>();
            foreach (var r in db.Query(
                "SELECT d.id AS device_id, d.name AS device_name, d.location, d.cache_version AS server_version, o.id AS door_id, o.name AS door_name, " +
                "n.num AS door_number, COALESCE(o.area_id, d.area_id) AS area_id, a.name AS area_name, s.state, s.firmware, s.cache_version, s.journal_depth, " +
                "s.mode, s.door, s.lock_state, s.time_state, s.clock_uncertain, s.uptime_s, s.last_seen, s.state_since, s.door_since, " +
                "s.door_number AS reported_door, s.door2, s.lock2_state, s.mode2, s.door2_number AS reported_door2, s.door2_since " +
                "FROM devices d LEFT JOIN doors o ON o.device_id = d.id LEFT JOIN numeric_ids n ON n.ref = o.id " +
                "LEFT JOIN areas a ON a.id = COALESCE(o.area_id, d.area_id) LEFT JOIN controller_status s ON s.device_id = d.id " +
                "WHERE d.revoked = 0 ORDER BY d.name, o.name"))
            {
                string device = r.Str("device_id");
                // The server's bundle for a controller carries its cache_version + 1 (Sync/BundlePublisher).
                long wanted = r.Long("server_version") + 1;
                long? installed = r.NLong("cache_version");
                int? slot = ControllerDoor(r);
                lastCommand.TryGetValue(device, out Row cmd);
                errors.TryGetValue(device, out var err);
                list.Add(new Dictionary<string, object>
                {
                    ["deviceId"] = device, ["deviceName"] = r.Str("device_name"), ["location"] = r.Str("location"),
                    ["doorId"] = r.Str("door_id"), ["doorName"] = r.Str("door_name"), ["doorNumber"] = r.NLong("door_number"),
                    ["areaId"] = r.Str("area_id"), ["areaName"] = r.Str("area_name"),
                    ["connection"] = ControllerReports.Connection(r, now), ["connectionSince"] = r.NLong("state_since"), ["lastSeen"] = r.NLong("last_seen"),
                    // Each door shows the state its controller reports for it: its first door's, its second's, or none.
                    ["controllerDoor"] = slot,
                    ["door"] = slot == 2 ? r.Str("door2") : slot == 1 ? r.Str("door") : null,
                    ["doorSince"] = slot == 2 ? r.NLong("door2_since") : slot == 1 ? r.NLong("door_since") : null,
                    ["lock"] = slot == 2 ? r.Str("lock2_state") : slot == 1 ? r.Str("lock_state") : null,
                    ["mode"] = ModeFor(r, slot),
                    ["cacheVersion"] = installed, ["serverCacheVersion"] = wanted, ["cacheCurrent"] = installed.HasValue && installed.Value >= wanted,
                    ["journalDepth"] = r.NLong("journal_depth"), ["firmware"] = r.Str("firmware"), ["timeSource"] = r.Str("time_state"),
                    ["clockUncertain"] = r.IsNull("clock_uncertain") ? (bool?)null : r.Bool("clock_uncertain"), ["uptimeSeconds"] = r.NLong("uptime_s"),
                    // When the controller last booted: its uptime counted back from when it said so.
                    ["bootedAt"] = r.NLong("uptime_s").HasValue && r.NLong("last_seen").HasValue ? r.NLong("last_seen") - r.NLong("uptime_s") * 1000 : null,
                    ["lastCommand"] = cmd == null ? null : new Dictionary<string, object>
                    {
                        ["id"] = cmd.Long("id"), ["command"] = cmd.Str("command"), ["issuedBy"] = cmd.Str("issued_by"), ["issuedAt"] = cmd.Long("issued_at"),
                        ["published"] = cmd.Bool("published"), ["result"] = cmd.Str("result"), ["resultAt"] = cmd.NLong("result_at"),
                    },
                    ["errorsToday"] = err.Count, ["lastError"] = err.Last,
                });
            }
            return list;
        }

        /// <summary>
        /// Which of its controller's doors a door is: 2 when the status names it as the second door (door2-id), 1 when
        /// it names it as the first (door-id) or names no door numbers (a controller with one door and no door.id, or
        /// no status yet: every door of the controller shows the one door state, as it always did), null when the
        /// status names other doors: the controller does not drive this one (then it shows no door or lock state). A
        /// controller without a door on the server has one row, which shows its first door.
        /// </summary>
        public static int? ControllerDoor(Row r)
        {
            long? number = r.NLong("door_number");
            long? first = r.NLong("reported_door");
            long? second = r.NLong("reported_door2");
            if (!number.HasValue) return 1; // a controller with no door on the server yet: its row shows what it reports
            if (second.HasValue && number.Value == second.Value) return 2;
            if (!first.HasValue || number.Value == first.Value) return 1;
            return null;
        }

        /// <summary>The controller of one door (of a controller in service) and the mode it reports for that door, by
        /// the rule the list uses; null when there is no such door.</summary>
        public (string DeviceId, string Mode)? ModeOf(string doorId)
        {
            var r = _ctx.Db.QuerySingle("SELECT o.device_id, n.num AS door_number, s.mode, s.mode2, s.door_number AS reported_door, s.door2_number AS reported_door2 " +
                "FROM doors o JOIN devices d ON d.id = o.device_id LEFT JOIN numeric_ids n ON n.ref = o.id " +
                "LEFT JOIN controller_status s ON s.device_id = o.device_id WHERE o.id = @o AND d.revoked = 0", new { o = doorId });
            return r == null ? null : (r.Str("device_id"), ModeFor(r, ControllerDoor(r)));
        }

        /// <summary>A controller's second door reports its own mode (mode2: a command may name one door); any other
        /// door shows the controller's.</summary>
        private static string ModeFor(Row r, int? slot) => slot == 2 ? r.Str("mode2") ?? r.Str("mode") : r.Str("mode");

        /// <summary>The newest refused messages of one controller (or of all), newest first.</summary>
        public List<Row> Errors(string deviceId, int limit)
        {
            return deviceId == null
                ? _ctx.Db.Query("SELECT e.id, e.device_id, d.name AS device_name, e.at, e.topic, e.error FROM controller_errors e JOIN devices d ON d.id = e.device_id ORDER BY e.id DESC LIMIT @n", new { n = (long)limit })
                : _ctx.Db.Query("SELECT e.id, e.device_id, d.name AS device_name, e.at, e.topic, e.error FROM controller_errors e JOIN devices d ON d.id = e.device_id WHERE e.device_id = @dev ORDER BY e.id DESC LIMIT @n",
                    new { dev = deviceId, n = (long)limit });
        }

        /// <summary>The newest remote commands with their results, newest first.</summary>
        public List<Row> Commands(string deviceId, int limit)
        {
            const string columns = "SELECT c.id, c.device_id, d.name AS device_name, c.door_id, c.command, c.issued_by, c.issued_at, c.published, c.result, c.result_at FROM commands c JOIN devices d ON d.id = c.device_id ";
            return deviceId == null
                ? _ctx.Db.Query(columns + "ORDER BY c.id DESC LIMIT @n", new { n = (long)limit })
                : _ctx.Db.Query(columns + "WHERE c.device_id = @dev ORDER BY c.id DESC LIMIT @n", new { dev = deviceId, n = (long)limit });
        }
    }
}

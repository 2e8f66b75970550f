using System.Collections.Generic;
using System.Text.Json;
using DoorController.Server.Api;
using DoorController.Server.Storage;

namespace DoorController.Server.Services
{
    /// <summary>
    /// First-person-in (office mode): per door, the weekly windows (site-local time) during which the entry of a
    /// designated person holds the door unlocked until the window's end; per person, whether they are designated.
    /// Decided by the core's office-mode step online and, from the signed cache, offline; a change bumps the
    /// controllers concerned. What the doors did (office_mode events, start and end) is read back from the
    /// controllers' journals.
    /// </summary>
    public sealed class OfficeModes
    {
        public const int MaxWindows = 8;
        private const int RecentEvents = 50;
        private readonly ServerContext _ctx;
        private readonly CacheVersions _versions;

        public OfficeModes(ServerContext ctx, CacheVersions versions)
        {
            _ctx = ctx;
            _versions = versions;
        }

        /// <summary>The door's windows, its designated people and its latest office_mode events (newest first).</summary>
        public object Get(string doorId)
        {
            var door = _ctx.Db.QuerySingle("SELECT device_id FROM doors WHERE id = @d", new { d = doorId });
            if (door == null) throw ApiException.NotFound("door", doorId);
            var windows = WeeklyWindowTable.OfficeMode.Read(_ctx.Db, doorId);
            var people = _ctx.Db.Query("SELECT id, name FROM users WHERE office_mode = 1 AND revoked = 0 ORDER BY id");
            var events = new List<object>();
            foreach (var e in _ctx.Db.Query("SELECT event_id, occurred_at, payload FROM device_events WHERE device_id = @v AND type = 'office_mode' " +
                "ORDER BY occurred_at DESC, event_id DESC LIMIT " + RecentEvents, new { v = door.Str("device_id") }))
            {
                using var json = JsonDocument.Parse(e.Str("payload"));
                var o = json.RootElement;
                events.Add(new
                {
                    eventId = e.Long("event_id"), at = e.Long("occurred_at"), state = o.GetProperty("state").GetString(),
                    seconds = o.TryGetProperty("seconds", out var sec) ? sec.GetInt64() : (long?)null,
                    end = o.TryGetProperty("end", out var end) ? end.GetString() : null,
                });
            }
            return new { doorId, enabled = windows.Count > 0, windows = RowJson.Of(windows), designated = RowJson.Of(people), events };
        }

        /// <summary>The door's office-mode windows (0-8; none turns office mode off at this door).</summary>
        public void SetWindows(string doorId, List<WindowInput> windows)
        {
            if (windows.Count > MaxWindows) throw ApiException.BadRequest("windows must list at most " + MaxWindows + " windows");
            _ctx.Db.InTransaction(tx =>
            {
                var door = tx.QuerySingle("SELECT device_id FROM doors WHERE id = @d", new { d = doorId });
                if (door == null) throw ApiException.NotFound("door", doorId);
                WeeklyWindowTable.OfficeMode.Replace(tx, doorId, windows);
                _versions.Bump(tx, door.Str("device_id"));
            });
        }
    }
}

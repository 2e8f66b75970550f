using System.Collections.Generic;
using DoorController.Server.Storage;

namespace DoorController.Server.Services
{
    /// <summary>
    /// Who is inside which area (the patent's presence, per person across every reader and method), as the decision
    /// core sees nesting (firmware/Access/Pipeline/Presence): entering an area puts a person inside it and every area
    /// around it; leaving an area puts them in the area on the other side (its parent). Each person appears once, in
    /// the innermost area they are in, with the time and method of the passage that put them there; the counts of an
    /// area include the areas nested in it.
    /// </summary>
    public sealed class PresenceView
    {
        private readonly ServerContext _ctx;

        public PresenceView(ServerContext ctx)
        {
            _ctx = ctx;
        }

        public Dictionary<string, object> Tree()
        {
            var db = _ctx.Db;
            var areas = db.Query("SELECT id, name, parent_id FROM areas ORDER BY name");
            var parentOf = new Dictionary<string, string>();
            foreach (var a in areas) parentOf[a.Str("id")] = a.Str("parent_id");
            var people = new List<Dictionary<string, object>>();
            var direct = new Dictionary<string, int>();
            foreach (var p in db.Query(
                "SELECT p.user_id, p.state, p.area_id, p.reader_id, p.updated_at, u.name AS user_name, u.attribute, r.name AS reader_name, " +
                "(SELECT l.method FROM access_log l WHERE l.user_id = p.user_id AND l.granted = 1 AND l.occurred_at = p.updated_at ORDER BY l.id DESC LIMIT 1) AS method " +
                "FROM presence p JOIN users u ON u.id = p.user_id LEFT JOIN readers r ON r.id = p.reader_id WHERE u.revoked = 0 ORDER BY p.updated_at DESC"))
            {
                string area = LocationOf(p.Str("state"), p.Str("area_id"), parentOf, out bool onSite);
                if (!onSite) continue;
                people.Add(new Dictionary<string, object>
                {
                    ["userId"] = p.Str("user_id"), ["userName"] = p.Str("user_name"), ["attribute"] = p.Str("attribute"), ["areaId"] = area,
                    ["since"] = p.Long("updated_at"), ["method"] = p.Str("method"), ["readerId"] = p.Str("reader_id"), ["readerName"] = p.Str("reader_name"),
                    ["passage"] = p.Str("state") == "inside" ? "entry" : "exit",
                });
                string key = area ?? "";
                direct[key] = direct.TryGetValue(key, out int n) ? n + 1 : 1;
            }
            var list = new List<Dictionary<string, object>>();
            foreach (var a in areas)
            {
                string id = a.Str("id");
                int total = 0;
                foreach (var kv in direct)
                {
                    if (kv.Key.Length > 0 && Within(kv.Key, id, parentOf)) total += kv.Value;
                }
                list.Add(new Dictionary<string, object>
                {
                    ["id"] = id, ["name"] = a.Str("name"), ["parentId"] = a.Str("parent_id"),
                    ["here"] = direct.TryGetValue(id, out int here) ? here : 0, ["total"] = total,
                });
            }
            return new Dictionary<string, object> { ["areas"] = list, ["people"] = people, ["unplaced"] = direct.TryGetValue("", out int none) ? none : 0 };
        }

        /// <summary>The area a presence row puts its person in (null: on site but in no area), or not on site at all.</summary>
        public static string LocationOf(string state, string areaId, Dictionary<string, string> parentOf, out bool onSite)
        {
            if (state == "inside")
            {
                onSite = true;
                return areaId;
            }
            // Left an area: now in the area around it; left a top-level area (or one without an area): gone.
            string outer = areaId != null && parentOf.TryGetValue(areaId, out string parent) ? parent : null;
            onSite = outer != null;
            return outer;
        }

        /// <summary>Whether <paramref name="area"/> is <paramref name="ancestor"/> or nested in it.</summary>
        public static bool Within(string area, string ancestor, Dictionary<string, string> parentOf)
        {
            for (int depth = 0; area != null && depth <= DeviceRegistry.MaxAreaDepth; depth++)
            {
                if (area == ancestor) return true;
                area = parentOf.TryGetValue(area, out string parent) ? parent : null;
            }
            return false;
        }
    }
}

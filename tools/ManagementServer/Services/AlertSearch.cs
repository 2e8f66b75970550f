using System;
using System.Collections.Generic;
using System.Text;
using DoorController.Server.Api;
using DoorController.Server.Storage;

namespace DoorController.Server.Services
{
    /// <summary>
    /// Alerts as a guard desk reads them: severity, kind, who (the person), where (reader, door, controller) and to
    /// whom they were routed (Fig 9B: the person's routes for that reader), with the acknowledgement and its note;
    /// filtered by state, kind, severity, person, controller and time. A webhook target is shown as its address up to
    /// the host: a webhook URL often carries its own secret, and guards read this list.
    /// </summary>
    public sealed class AlertSearch
    {
        public const int MaxPage = 500;
        private readonly ServerContext _ctx;

        public AlertSearch(ServerContext ctx)
        {
            _ctx = ctx;
        }

        public List<Dictionary<string, object>> Find(bool openOnly, string kind, string severity, string userId, string deviceId, long? from, long? to, int limit)
        {
            if (limit < 1 || limit > MaxPage) throw ApiException.BadRequest("limit must be 1-" + MaxPage);
            var args = new Dictionary<string, object>();
            var where = new StringBuilder();
            void And(string condition, string name, object value)
            {
                if (value == null) return;
                where.Append(where.Length == 0 ? " WHERE " : " AND ").Append(condition);
                if (name != null) args[name] = value;
            }
            if (openOnly) And("a.acknowledged_at IS NULL", null, true);
            And("a.kind = @kind", "kind", kind);
            And("a.severity = @severity", "severity", severity);
            And("a.user_id = @user", "user", userId);
            And("a.device_id = @device", "device", deviceId);
            And("a.created_at >= @from", "from", from);
            And("a.created_at < @to", "to", to);
            var rows = _ctx.Db.Query("SELECT a.id, a.created_at, a.kind, a.severity, a.user_id, u.name AS user_name, a.device_id, d.name AS device_name, a.reader_id, " +
                "r.name AS reader_name, o.name AS door_name, a.log_id, a.message, a.acknowledged_by, a.acknowledged_at, a.acknowledged_note FROM alerts a " +
                "LEFT JOIN users u ON u.id = a.user_id LEFT JOIN devices d ON d.id = a.device_id LEFT JOIN readers r ON r.id = a.reader_id LEFT JOIN doors o ON o.id = r.door_id" +
                where + " ORDER BY a.id DESC LIMIT " + limit, args);
            var routes = new Dictionary<(string, string), List<Dictionary<string, object>>>();
            foreach (var n in _ctx.Db.Query("SELECT user_id, reader_id, channel, target FROM notification_routes"))
            {
                var key = (n.Str("user_id"), n.Str("reader_id"));
                if (!routes.TryGetValue(key, out var list)) routes[key] = list = new List<Dictionary<string, object>>();
                list.Add(new Dictionary<string, object> { ["channel"] = n.Str("channel"), ["target"] = Shown(n.Str("channel"), n.Str("target")) });
            }
            var result = new List<Dictionary<string, object>>(rows.Count);
            foreach (var a in rows)
            {
                var shown = Api.RowJson.Of(a);
                shown["routedTo"] = a.Str("user_id") != null && a.Str("reader_id") != null && routes.TryGetValue((a.Str("user_id"), a.Str("reader_id")), out var to2)
                    ? to2 : new List<Dictionary<string, object>>();
                result.Add(shown);
            }
            return result;
        }

        /// <summary>An MQTT topic as is; a webhook as scheme://host/… (its path and query may hold a secret).</summary>
        public static string Shown(string channel, string target)
        {
            if (channel != "webhook") return target;
            return Uri.TryCreate(target, UriKind.Absolute, out Uri uri) ? uri.Scheme + "://" + uri.Authority + "/…" : "webhook";
        }
    }
}

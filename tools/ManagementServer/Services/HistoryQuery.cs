using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Text;
using DoorController.Server.Api;
using DoorController.Server.Storage;

namespace DoorController.Server.Services
{
    /// <summary>
    /// The entry/exit history as people read it: each passage with the person, door, reader and controller by name,
    /// method, direction, result and reason, and whether it was decided online or offline (and, offline, what the
    /// after-the-fact review found). Filtered by person, door, reader, controller, method, result, source and time
    /// range, newest first, paged by a cursor (stable while new rows arrive), and exported as CSV with the same filter.
    /// Never the credential hash.
    /// </summary>
    public sealed class HistoryQuery
    {
        public const int MaxPage = 500;
        public const int MaxTimeline = 5000;

        private const string Columns =
            "SELECT l.id, l.occurred_at, l.received_at, l.user_id, u.name AS user_name, u.attribute, l.reader_id, r.name AS reader_name, " +
            "r.door_id, o.name AS door_name, l.device_id, d.name AS device_name, l.method, l.direction, l.granted, l.reason, l.source, l.retro_checked, l.fraud, l.passage, l.credential_match " +
            "FROM access_log l LEFT JOIN users u ON u.id = l.user_id LEFT JOIN readers r ON r.id = l.reader_id LEFT JOIN doors o ON o.id = r.door_id " +
            "LEFT JOIN devices d ON d.id = l.device_id";

        public static readonly string[] ExportColumns =
            { "time", "person", "attribute", "door", "reader", "controller", "method", "direction", "result", "reason", "decided", "after_the_fact", "row_id" };

        private readonly ServerContext _ctx;

        public HistoryQuery(ServerContext ctx)
        {
            _ctx = ctx;
        }

        /// <summary>One page, newest first; <c>next</c> is the cursor of the following page (null at the end).</summary>
        public Dictionary<string, object> Page(HistoryFilter f, int limit)
        {
            if (limit < 1 || limit > MaxPage) throw ApiException.BadRequest("limit must be 1-" + MaxPage);
            var args = new Dictionary<string, object>();
            string sql = Columns + Where(f, args) + " ORDER BY l.occurred_at DESC, l.id DESC LIMIT " + (limit + 1);
            var rows = _ctx.Db.Query(sql, args);
            string next = null;
            if (rows.Count > limit)
            {
                rows.RemoveAt(limit);
                var last = rows[limit - 1];
                next = last.Long("occurred_at") + "." + last.Long("id");
            }
            var list = new List<Dictionary<string, object>>(rows.Count);
            foreach (var r in rows) list.Add(Shown(r));
            return new Dictionary<string, object> { ["rows"] = list, ["next"] = next };
        }

        /// <summary>Every passage of the filter in time order (oldest first), at most <see cref="MaxTimeline"/>: what a
        /// day's timeline is drawn from.</summary>
        public Dictionary<string, object> Timeline(HistoryFilter f)
        {
            if (!f.From.HasValue || !f.To.HasValue || f.To <= f.From || f.To - f.From > 7L * 24 * 3600 * 1000) throw ApiException.BadRequest("from and to are required, at most 7 days apart");
            var args = new Dictionary<string, object>();
            var rows = _ctx.Db.Query(Columns + Where(f, args) + " ORDER BY l.occurred_at, l.id LIMIT " + (MaxTimeline + 1), args);
            bool truncated = rows.Count > MaxTimeline;
            if (truncated) rows.RemoveAt(MaxTimeline);
            var list = new List<Dictionary<string, object>>(rows.Count);
            foreach (var r in rows) list.Add(Shown(r));
            return new Dictionary<string, object> { ["rows"] = list, ["truncated"] = truncated };
        }

        /// <summary>Writes every matching row as CSV (newest first), streaming from the database reader.</summary>
        public void Export(HistoryFilter f, TimeZoneInfo zone, Action<string> line)
        {
            var args = new Dictionary<string, object>();
            line(Csv.Line(ExportColumns));
            _ctx.Db.Scan(Columns + Where(f, args) + " ORDER BY l.occurred_at DESC, l.id DESC", args, r => line(Csv.Line(ExportValues(r, zone))));
        }

        private static object[] ExportValues(DbDataReader r, TimeZoneInfo zone)
        {
            string S(string column) => r.IsDBNull(r.GetOrdinal(column)) ? "" : Convert.ToString(r.GetValue(r.GetOrdinal(column)), System.Globalization.CultureInfo.InvariantCulture);
            long at = Convert.ToInt64(r.GetValue(r.GetOrdinal("occurred_at")));
            bool granted = Convert.ToInt64(r.GetValue(r.GetOrdinal("granted"))) != 0;
            string source = S("source");
            return new object[]
            {
                LocalTime(at, zone), S("user_name"), S("attribute"), S("door_name"), S("reader_name"), S("device_name"), S("method"), S("direction"),
                Result(granted, S("passage")), S("reason"), source, source == "offline" ? Retro(S("retro_checked") == "1", S("fraud") == "1") : "", S("id"),
            };
        }

        /// <summary>ISO 8601 local time with its offset ("2025-11-30T09:15:02+09:00").</summary>
        public static string LocalTime(long unixMs, TimeZoneInfo zone)
        {
            var utc = DateTimeOffset.FromUnixTimeMilliseconds(unixMs);
            return TimeZoneInfo.ConvertTime(utc, zone).ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture);
        }

        /// <summary>A grant at a door with a contact whose door never opened: nobody passed.</summary>
        private static string Result(bool granted, string passage) => !granted ? "denied" : passage == AccessEvent.NotOpened ? "granted, not opened" : "granted";

        private static string Retro(bool checkedAfter, bool fraud) => !checkedAfter ? "pending" : fraud ? "flagged" : "checked";

        private static Dictionary<string, object> Shown(Row r)
        {
            bool offline = r.Str("source") == "offline";
            return new Dictionary<string, object>
            {
                ["id"] = r.Long("id"), ["occurredAt"] = r.Long("occurred_at"), ["receivedAt"] = r.Long("received_at"),
                ["userId"] = r.Str("user_id"), ["userName"] = r.Str("user_name"), ["attribute"] = r.Str("attribute"),
                ["readerId"] = r.Str("reader_id"), ["readerName"] = r.Str("reader_name"), ["doorId"] = r.Str("door_id"), ["doorName"] = r.Str("door_name"),
                ["deviceId"] = r.Str("device_id"), ["deviceName"] = r.Str("device_name"), ["method"] = r.Str("method"), ["direction"] = r.Str("direction"),
                ["granted"] = r.Bool("granted"), ["reason"] = r.Str("reason"), ["source"] = r.Str("source"),
                ["afterTheFact"] = offline ? Retro(r.Bool("retro_checked"), r.Bool("fraud")) : null,
                // Doors with a contact: "awaiting" the door, "opened" (passed), "not-opened" (granted, nobody passed).
                ["passage"] = r.Str("passage"),
                // Offline rows journalled with a hash prefix: how it was matched to the person's credential ("prefix",
                // "ambiguous": several credentials share it, "unknown": none has it); null when the whole hash came.
                ["credentialMatch"] = r.Str("credential_match"),
            };
        }

        private static string Where(HistoryFilter f, Dictionary<string, object> args)
        {
            var sb = new StringBuilder();
            void And(string condition, string name, object value)
            {
                if (value == null) return;
                sb.Append(sb.Length == 0 ? " WHERE " : " AND ").Append(condition);
                args[name] = value;
            }
            And("l.user_id = @user", "user", f.UserId);
            And("r.door_id = @door", "door", f.DoorId);
            And("l.reader_id = @reader", "reader", f.ReaderId);
            And("l.device_id = @device", "device", f.DeviceId);
            And("l.method = @method", "method", f.Method);
            And("l.source = @source", "source", f.Source);
            And("l.occurred_at >= @from", "from", f.From);
            And("l.occurred_at < @to", "to", f.To);
            if (f.Result != null) And("l.granted = @granted", "granted", f.Result == "granted" ? 1L : 0L);
            if (f.BeforeAt.HasValue && f.BeforeId.HasValue)
            {
                And("(l.occurred_at < @bat OR (l.occurred_at = @bat AND l.id < @bid))", "bat", f.BeforeAt);
                args["bid"] = f.BeforeId;
            }
            return sb.ToString();
        }
    }
}

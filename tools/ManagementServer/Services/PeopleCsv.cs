using System;
using System.Collections.Generic;
using System.Globalization;
using DoorController.Server.Api;
using DoorController.Server.Storage;

namespace DoorController.Server.Services
{
    /// <summary>
    /// People in bulk, as a spreadsheet (the way smart-lock services such as Akerun hand member lists around): one row
    /// per person with attribute, title, contact, validity, inviter, credentials and the doors they may open. An import
    /// is one transaction: every row is checked first and any bad row refuses the whole file with its line number, so
    /// nothing is half imported. The export lists credential methods, never values — the server keeps only keyed
    /// hashes — so an exported file re-imports only after the values are filled in.
    /// </summary>
    public sealed class PeopleCsv
    {
        public static readonly string[] Columns = { "name", "attribute", "title", "contact", "valid_from", "valid_until", "inviter", "credentials", "doors" };
        public const int MaxRows = 2000;
        /// <summary>Permission windows of an imported door: every day including holidays, all day.</summary>
        private static readonly List<WindowInput> AllDay = new List<WindowInput> { new WindowInput(0xFF, 0, 1440) };

        private readonly ServerContext _ctx;
        private readonly UserRegistry _users;

        public PeopleCsv(ServerContext ctx, UserRegistry users)
        {
            _ctx = ctx;
            _users = users;
        }

        public void Export(TimeZoneInfo zone, Action<string> line)
        {
            var db = _ctx.Db;
            var doors = new Dictionary<string, SortedSet<string>>();
            foreach (var r in db.Query("SELECT DISTINCT p.user_id, o.name FROM permissions p JOIN readers r ON r.id = p.reader_id JOIN doors o ON o.id = r.door_id"))
            {
                if (!doors.TryGetValue(r.Str("user_id"), out var set)) doors[r.Str("user_id")] = set = new SortedSet<string>(StringComparer.Ordinal);
                set.Add(r.Str("name"));
            }
            var methods = new Dictionary<string, SortedSet<string>>();
            foreach (var c in db.Query("SELECT DISTINCT user_id, method FROM credentials WHERE revoked = 0"))
            {
                if (!methods.TryGetValue(c.Str("user_id"), out var set)) methods[c.Str("user_id")] = set = new SortedSet<string>(StringComparer.Ordinal);
                set.Add(c.Str("method"));
            }
            line(Csv.Line(Columns));
            foreach (var u in db.Query("SELECT u.id, u.name, u.attribute, u.title, u.contact, u.valid_from, u.valid_until, i.name AS inviter FROM users u " +
                "LEFT JOIN users i ON i.id = u.inviter_id WHERE u.revoked = 0 ORDER BY u.name, u.id"))
            {
                string id = u.Str("id");
                line(Csv.Line(new object[]
                {
                    u.Str("name"), u.Str("attribute"), u.Str("title") ?? "", u.Str("contact") ?? "", Local(u.NLong("valid_from"), zone), Local(u.NLong("valid_until"), zone),
                    u.Str("inviter") ?? "", methods.TryGetValue(id, out var m) ? string.Join("; ", m) : "", doors.TryGetValue(id, out var d) ? string.Join("; ", d) : "",
                }));
            }
        }

        /// <summary>Imports every row or none; returns the new user ids in file order.</summary>
        public List<string> Import(string csv, TimeZoneInfo zone)
        {
            if (!Csv.TryParse(csv ?? "", out var records, out string error)) throw ApiException.BadRequest("csv: " + error);
            if (records.Count < 2) throw ApiException.BadRequest("csv: a header line and at least one person are needed");
            if (records.Count - 1 > MaxRows) throw ApiException.BadRequest("csv: at most " + MaxRows + " people per file");
            var index = HeaderIndex(records[0]);
            return _ctx.Db.InTransaction(tx =>
            {
                var doorReaders = new Dictionary<string, List<string>>(StringComparer.Ordinal);
                foreach (var r in tx.Query("SELECT o.id, o.name, r.id AS reader FROM doors o JOIN readers r ON r.door_id = o.id"))
                {
                    foreach (string key in new[] { r.Str("id"), r.Str("name") })
                    {
                        if (!doorReaders.TryGetValue(key, out var list)) doorReaders[key] = list = new List<string>();
                        list.Add(r.Str("reader"));
                    }
                }
                var created = new List<string>();
                var byName = new Dictionary<string, string>(StringComparer.Ordinal);
                for (int i = 1; i < records.Count; i++)
                {
                    try
                    {
                        var input = Row(records[i], index, zone, tx, doorReaders, byName);
                        string id = _users.Register(tx, input);
                        created.Add(id);
                        byName[input.Name.Trim()] = id;
                    }
                    catch (ApiException e)
                    {
                        throw new ApiException(e.Status, "csv record " + (i + 1) + ": " + e.Message);
                    }
                }
                return created;
            });
        }

        private static Dictionary<string, int> HeaderIndex(string[] header)
        {
            var index = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
            for (int i = 0; i < header.Length; i++)
            {
                string name = header[i].Trim().TrimStart('\uFEFF');
                if (Array.IndexOf(Columns, name.ToLowerInvariant()) < 0) throw ApiException.BadRequest("csv: unknown column '" + name + "' (columns: " + string.Join(", ", Columns) + ")");
                index[name] = i;
            }
            if (!index.ContainsKey("name") || !index.ContainsKey("attribute")) throw ApiException.BadRequest("csv: the name and attribute columns are required");
            return index;
        }

        private static UserInput Row(string[] cells, Dictionary<string, int> index, TimeZoneInfo zone, Tx tx, Dictionary<string, List<string>> doorReaders, Dictionary<string, string> byName)
        {
            string Cell(string column)
            {
                if (!index.TryGetValue(column, out int i) || i >= cells.Length) return null;
                string v = cells[i].Trim();
                if (v.StartsWith("'")) v = v.Substring(1); // the export's guard against spreadsheet formulas
                return v.Length == 0 ? null : v;
            }
            var credentials = new List<CredentialInput>();
            foreach (string item in Items(Cell("credentials")))
            {
                int colon = item.IndexOf(':');
                string method = (colon < 0 ? item : item.Substring(0, colon)).Trim().ToLowerInvariant();
                string value = colon < 0 ? null : item.Substring(colon + 1).Trim();
                if (value == null && method != "qr" && method != "ble") throw ApiException.BadRequest("credential '" + method + "' needs a value (method:value); exports list methods only");
                credentials.Add(new CredentialInput(method, value ?? ""));
            }
            var permissions = new List<PermissionInput>();
            var seen = new HashSet<string>();
            foreach (string door in Items(Cell("doors")))
            {
                if (!doorReaders.TryGetValue(door, out var readers)) throw ApiException.NotFound("door", door);
                foreach (string reader in readers)
                {
                    if (seen.Add(reader)) permissions.Add(new PermissionInput(reader, AllDay));
                }
            }
            string inviter = Cell("inviter");
            string inviterId = null;
            if (inviter != null)
            {
                inviterId = byName.TryGetValue(inviter, out string earlier) ? earlier
                    : tx.QuerySingle("SELECT id FROM users WHERE (id = @v OR name = @v) AND revoked = 0 ORDER BY created_at LIMIT 1", new { v = inviter })?.Str("id");
                if (inviterId == null) throw ApiException.NotFound("inviter", inviter);
            }
            return new UserInput(Cell("name"), (Cell("attribute") ?? "").ToLowerInvariant(), Cell("title"), Cell("contact"), inviterId,
                Time(Cell("valid_from"), zone, false), Time(Cell("valid_until"), zone, true), credentials, permissions);
        }

        private static IEnumerable<string> Items(string cell)
        {
            if (cell == null) yield break;
            foreach (string part in cell.Split(';'))
            {
                if (part.Trim().Length > 0) yield return part.Trim();
            }
        }

        /// <summary>"YYYY-MM-DD" (the start of that day, or for an end date the start of the next) or "YYYY-MM-DD HH:mm", site time.</summary>
        private static long? Time(string text, TimeZoneInfo zone, bool end)
        {
            if (text == null) return null;
            DateTime local;
            bool dateOnly = DateTime.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out local);
            if (!dateOnly && !DateTime.TryParseExact(text, new[] { "yyyy-MM-dd HH:mm", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd HH:mm:ss" }, CultureInfo.InvariantCulture, DateTimeStyles.None, out local))
            {
                throw ApiException.BadRequest("'" + text + "' is not a date (YYYY-MM-DD or YYYY-MM-DD HH:mm)");
            }
            if (dateOnly && end) local = local.AddDays(1);
            var offset = zone.GetUtcOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified));
            return new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), offset).ToUnixTimeMilliseconds();
        }

        private static string Local(long? unixMs, TimeZoneInfo zone)
        {
            if (!unixMs.HasValue) return "";
            return TimeZoneInfo.ConvertTime(DateTimeOffset.FromUnixTimeMilliseconds(unixMs.Value), zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        }
    }
}

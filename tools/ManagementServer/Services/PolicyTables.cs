using System.Collections.Generic;
using DoorController.Server.Api;
using DoorController.Server.Storage;

namespace DoorController.Server.Services
{
    /// <summary>
    /// The two tables of the patent's policies as the admin page edits them. Fig 9A: reader × attribute → is an
    /// entry/exit violation fraud, where each cell is the reader's own policy, else the site-wide one, else the
    /// built-in rule (fraud). Fig 9B: person × reader → where alerts go. Writes go through the registries that bump
    /// the cache versions (<see cref="DeviceRegistry.SetFraudPolicy"/>, <see cref="SiteSettings"/>,
    /// <see cref="UserRegistry.AddRoute"/>); removing a reader's own policy is here.
    /// </summary>
    public sealed class PolicyTables
    {
        private readonly ServerContext _ctx;
        private readonly CacheVersions _versions;

        public PolicyTables(ServerContext ctx, CacheVersions versions)
        {
            _ctx = ctx;
            _versions = versions;
        }

        /// <summary>Fig 9A: every reader with, per attribute, its own value, the site-wide one and what applies.</summary>
        public Dictionary<string, object> AttributeTable()
        {
            var db = _ctx.Db;
            var site = new Dictionary<string, bool>();
            foreach (var p in db.Query("SELECT attribute, fraud_on_violation FROM site_policies")) site[p.Str("attribute")] = p.Bool("fraud_on_violation");
            var own = new Dictionary<string, Dictionary<string, bool>>();
            foreach (var p in db.Query("SELECT reader_id, attribute, fraud_on_violation FROM fraud_policies"))
            {
                if (!own.TryGetValue(p.Str("reader_id"), out var map)) own[p.Str("reader_id")] = map = new Dictionary<string, bool>();
                map[p.Str("attribute")] = p.Bool("fraud_on_violation");
            }
            var readers = new List<Dictionary<string, object>>();
            foreach (var r in db.Query("SELECT r.id, r.name, r.usage, o.name AS door_name, d.name AS device_name FROM readers r JOIN devices d ON d.id = r.device_id " +
                "LEFT JOIN doors o ON o.id = r.door_id WHERE d.revoked = 0 ORDER BY d.name, r.name"))
            {
                own.TryGetValue(r.Str("id"), out var mine);
                var cells = new Dictionary<string, object>();
                foreach (string attribute in Vocabulary.Attributes)
                {
                    bool? reader = mine != null && mine.TryGetValue(attribute, out bool v) ? v : (bool?)null;
                    bool? siteWide = site.TryGetValue(attribute, out bool sv) ? sv : (bool?)null;
                    cells[attribute] = new Dictionary<string, object>
                    {
                        ["reader"] = reader, ["site"] = siteWide, ["fraud"] = reader ?? siteWide ?? true,
                        ["from"] = reader.HasValue ? "reader" : siteWide.HasValue ? "site" : "built-in",
                    };
                }
                readers.Add(new Dictionary<string, object>
                {
                    ["id"] = r.Str("id"), ["name"] = r.Str("name"), ["usage"] = r.Str("usage"), ["doorName"] = r.Str("door_name"), ["deviceName"] = r.Str("device_name"), ["cells"] = cells,
                });
            }
            var siteRow = new Dictionary<string, object>();
            foreach (string attribute in Vocabulary.Attributes) siteRow[attribute] = site.TryGetValue(attribute, out bool v) ? v : (bool?)null;
            return new Dictionary<string, object> { ["attributes"] = Vocabulary.Attributes, ["site"] = siteRow, ["readers"] = readers };
        }

        /// <summary>Back to the site-wide (or built-in) policy for this attribute at this reader.</summary>
        public void RemoveReaderPolicy(string readerId, string attribute)
        {
            _ctx.Db.InTransaction(tx =>
            {
                var reader = tx.QuerySingle("SELECT device_id FROM readers WHERE id = @r", new { r = readerId });
                if (reader == null) throw ApiException.NotFound("reader", readerId);
                if (tx.Execute("DELETE FROM fraud_policies WHERE reader_id = @r AND attribute = @a", new { r = readerId, a = attribute }) == 0)
                {
                    throw ApiException.NotFound("policy of this reader for", attribute);
                }
                _versions.Bump(tx, reader.Str("device_id"));
            });
        }

        /// <summary>Fig 9B: every route with the person's and the reader's names.</summary>
        public List<Row> Routes()
        {
            return _ctx.Db.Query("SELECT n.id, n.user_id, u.name AS user_name, u.attribute, n.reader_id, r.name AS reader_name, o.name AS door_name, n.channel, n.target, n.content " +
                "FROM notification_routes n JOIN users u ON u.id = n.user_id JOIN readers r ON r.id = n.reader_id LEFT JOIN doors o ON o.id = r.door_id ORDER BY u.name, r.name");
        }
    }
}

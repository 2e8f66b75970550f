using System.Collections.Generic;
using System.Globalization;
using DoorController.Contract;
using DoorController.Server.Api;
using DoorController.Server.Storage;

namespace DoorController.Server.Services
{
    /// <summary>
    /// Settings of the whole site that every controller carries in its signed cache: how long a cache may be used
    /// offline (the bundle's lifetime), and the fraud policy per user attribute set once for every reader (Fig 9A:
    /// guards exempt from anti-passback fraud from the start; a reader's own policy still overrides it). A change
    /// bumps every controller's cache version, so the new value travels with the next bundle.
    /// </summary>
    public sealed class SiteSettings
    {
        /// <summary>Shortest offline lifetime: a controller must keep working through a broker restart or a short outage.</summary>
        public const int MinOfflineLifetimeSeconds = 3600;
        /// <summary>Longest: beyond this a revoked card could keep opening a door cut off from the server for months.</summary>
        public const int MaxOfflineLifetimeSeconds = 90 * 24 * 3600;
        private const string OfflineLifetimeName = "offline_lifetime_s";

        private readonly ServerContext _ctx;
        private readonly CacheVersions _versions;

        public SiteSettings(ServerContext ctx, CacheVersions versions)
        {
            _ctx = ctx;
            _versions = versions;
        }

        /// <summary>How long a controller may decide from its cache after the bundle was issued (default 7 days).</summary>
        public int OfflineLifetimeSeconds
        {
            get
            {
                var row = _ctx.Db.QuerySingle("SELECT value FROM settings WHERE name = @n", new { n = OfflineLifetimeName });
                return row != null && int.TryParse(row.Str("value"), NumberStyles.None, CultureInfo.InvariantCulture, out int seconds)
                    && seconds >= MinOfflineLifetimeSeconds && seconds <= MaxOfflineLifetimeSeconds
                    ? seconds : BundleInfo.DefaultMaxOfflineSeconds;
            }
        }

        public void SetOfflineLifetimeSeconds(int seconds)
        {
            if (seconds < MinOfflineLifetimeSeconds || seconds > MaxOfflineLifetimeSeconds)
            {
                throw ApiException.BadRequest("seconds must be " + MinOfflineLifetimeSeconds + "-" + MaxOfflineLifetimeSeconds + " (1 hour to 90 days)");
            }
            _ctx.Db.InTransaction(tx =>
            {
                tx.Execute("DELETE FROM settings WHERE name = @n", new { n = OfflineLifetimeName });
                tx.Execute("INSERT INTO settings (name, value) VALUES (@n, @v)", new { n = OfflineLifetimeName, v = seconds.ToString(CultureInfo.InvariantCulture) });
                _versions.BumpAll(tx);
            });
        }

        /// <summary>Where duress alerts go unless set: the guard desk's terminal topic.</summary>
        public const string DefaultDuressTopic = LinkTopics.TerminalPrefix + "guard-desk";
        private const string DuressChannelName = "duress_channel";
        private const string DuressTargetName = "duress_target";

        /// <summary>The guards' route for duress alerts: (mqtt, topic under the terminal prefix) or (webhook, https URL).</summary>
        public static (string Channel, string Target) DuressRouteOf(Tx tx)
        {
            var channel = tx.QuerySingle("SELECT value FROM settings WHERE name = @n", new { n = DuressChannelName });
            var target = tx.QuerySingle("SELECT value FROM settings WHERE name = @n", new { n = DuressTargetName });
            return channel != null && target != null ? (channel.Str("value"), target.Str("value")) : ("mqtt", DefaultDuressTopic);
        }

        public (string Channel, string Target) DuressRoute => _ctx.Db.InTransaction(tx => DuressRouteOf(tx));

        public void SetDuressRoute(string channel, string target)
        {
            bool ok = channel == "mqtt" ? target.StartsWith(LinkTopics.TerminalPrefix, System.StringComparison.Ordinal) && target.Length > LinkTopics.TerminalPrefix.Length
                    && target.IndexOfAny(new[] { '+', '#' }) < 0
                : channel == "webhook" && (target.StartsWith("https://", System.StringComparison.Ordinal) || target.StartsWith("http://", System.StringComparison.Ordinal));
            if (!ok) throw ApiException.BadRequest("channel must be mqtt (target a topic under " + LinkTopics.TerminalPrefix + ") or webhook (target an http(s) URL)");
            _ctx.Db.InTransaction(tx =>
            {
                tx.Execute("DELETE FROM settings WHERE name IN (@a, @b)", new { a = DuressChannelName, b = DuressTargetName });
                tx.Execute("INSERT INTO settings (name, value) VALUES (@n, @v)", new { n = DuressChannelName, v = channel });
                tx.Execute("INSERT INTO settings (name, value) VALUES (@n, @v)", new { n = DuressTargetName, v = target });
            });
        }

        /// <summary>The site-wide policies, one row per attribute that has one.</summary>
        public List<Row> Policies()
        {
            return _ctx.Db.Query("SELECT attribute, fraud_on_violation FROM site_policies ORDER BY attribute");
        }

        /// <summary>Fig 9A for every reader at once: whether an entry/exit violation by this attribute counts as fraud.</summary>
        public void SetPolicy(string attribute, bool fraudOnViolation)
        {
            if (!Vocabulary.Contains(Vocabulary.Attributes, attribute)) throw ApiException.BadRequest("attribute must be one of: " + string.Join(", ", Vocabulary.Attributes));
            _ctx.Db.InTransaction(tx =>
            {
                tx.Execute("DELETE FROM site_policies WHERE attribute = @a", new { a = attribute });
                tx.Execute("INSERT INTO site_policies (attribute, fraud_on_violation) VALUES (@a, @f)", new { a = attribute, f = fraudOnViolation });
                _versions.BumpAll(tx);
            });
        }

        /// <summary>Back to the built-in policy for this attribute (violations are fraud).</summary>
        public void RemovePolicy(string attribute)
        {
            _ctx.Db.InTransaction(tx =>
            {
                if (tx.Execute("DELETE FROM site_policies WHERE attribute = @a", new { a = attribute }) == 0) throw ApiException.NotFound("site policy", attribute);
                _versions.BumpAll(tx);
            });
        }
    }
}

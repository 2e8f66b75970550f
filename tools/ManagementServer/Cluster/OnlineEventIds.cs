using System.Globalization;
using DoorController.Server.Storage;

namespace DoorController.Server.Cluster
{
    /// <summary>
    /// Event ids for the rows of online decisions: negative (journal ids are positive), unique per controller under
    /// the access log's (device, event id) constraint. Each instance takes a block of <see cref="BlockSize"/> ids from
    /// a counter in the settings table, so instances on one database never hand out the same id (a collision would
    /// make the insert a silent no-op: an answered decision without its row). A block an instance did not finish
    /// (it stopped) is simply skipped.
    /// </summary>
    public sealed class OnlineEventIds
    {
        public const int BlockSize = 4096;
        public const string Setting = "online-event-floor";
        private readonly Database _db;
        private readonly object _gate = new object();
        private long _next;
        private long _floor;

        public OnlineEventIds(Database db)
        {
            _db = db;
            // Existing databases: start below the lowest id already used.
            db.Execute("INSERT INTO settings (name, value) SELECT @n, CAST(COALESCE(MIN(event_id), 0) AS TEXT) FROM access_log WHERE 1 = 1 " +
                "ON CONFLICT (name) DO NOTHING", new { n = Setting });
        }

        /// <summary>The next id; takes a new block (one autocommitted update, outside any caller's transaction) when
        /// this one is used up.</summary>
        public long Next()
        {
            lock (_gate)
            {
                if (_next <= _floor)
                {
                    var row = _db.QuerySingle("UPDATE settings SET value = CAST(CAST(value AS BIGINT) - " + BlockSize + " AS TEXT) WHERE name = @n RETURNING value", new { n = Setting });
                    _floor = long.Parse(row.Str("value"), CultureInfo.InvariantCulture);
                    _next = _floor + BlockSize;
                }
                return --_next;
            }
        }
    }
}

using System;
using System.Globalization;
using System.Threading.Tasks;
using DoorController.Server.Storage;

namespace DoorController.Server.Cluster
{
    /// <summary>
    /// Event ids for the rows of online decisions: negative (journal ids are positive), unique per controller under
    /// the access log's (device, event id) constraint. Each instance takes a block of <see cref="BlockSize"/> ids from
    /// a counter in the settings table, so instances on one database never hand out the same id (a collision would
    /// make the insert a silent no-op: an answered decision without its row). A block an instance did not finish
    /// (it stopped) is simply skipped. The next block is reserved in the background once half of the current one is
    /// used: taking it when the block runs out held up the decision thread for tens of milliseconds every 4,096
    /// decisions (an autocommitted, synced update that first waits for the group commit's write lock).
    /// </summary>
    public sealed class OnlineEventIds
    {
        public const int BlockSize = 4096;
        public const string Setting = "online-event-floor";
        private readonly Database _db;
        private readonly object _gate = new object();
        private long _next;
        private long _floor;
        /// <summary>The floor of the block reserved ahead; null until half of the current block is used.</summary>
        private Task<long> _ahead;

        public OnlineEventIds(Database db)
        {
            _db = db;
            // Existing databases: start below the lowest id already used.
            db.Execute("INSERT INTO settings (name, value) SELECT @n, CAST(COALESCE(MIN(event_id), 0) AS TEXT) FROM access_log WHERE 1 = 1 " +
                "ON CONFLICT (name) DO NOTHING", new { n = Setting });
        }

        /// <summary>The next id. The block reserved ahead is normally ready when this one is used up; the first block,
        /// or the next after a failed reservation, is taken here (one autocommitted update, outside any caller's
        /// transaction).</summary>
        public long Next()
        {
            lock (_gate)
            {
                if (_next <= _floor)
                {
                    Task<long> ahead = _ahead;
                    _ahead = null;
                    _floor = ahead != null && Reserved(ahead) ? ahead.Result : Reserve();
                    _next = _floor + BlockSize;
                }
                if (_ahead == null && _next - _floor <= BlockSize / 2) _ahead = Task.Run(Reserve);
                return --_next;
            }
        }

        private static bool Reserved(Task<long> ahead)
        {
            try
            {
                ahead.Wait();
                return true;
            }
            catch (AggregateException e)
            {
                Console.Error.WriteLine("reserving online event ids ahead failed: " + e.InnerException?.Message);
                return false;
            }
        }

        private long Reserve()
        {
            var row = _db.QuerySingle("UPDATE settings SET value = CAST(CAST(value AS BIGINT) - " + BlockSize + " AS TEXT) WHERE name = @n RETURNING value", new { n = Setting });
            return long.Parse(row.Str("value"), CultureInfo.InvariantCulture);
        }
    }
}

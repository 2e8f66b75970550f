using System.Globalization;
using DoorController.Server.Storage;

namespace DoorController.Server.Cluster
{
    /// <summary>
    /// Event ids for the rows of online decisions: negative (journal ids are positive), unique per controller under
    /// the access log's (device, event id) constraint. Each instance takes a block of <see cref="BlockSize"/> ids from
    /// a counter in the settings table, so instances on one database never hand out the same id (a collision would
    /// make the insert a silent no-op: an answered decision without its row). A block an instance did not finish
    /// (it stopped) is simply skipped. On SQLite the group-commit writer reserves the next block inside one of its
    /// batches once half of the current block is used (<see cref="ReserveAhead"/>): taken by the deciding thread when
    /// the block ran out, the update waited for SQLite's write lock, which the writer holds nearly all the time under
    /// load, and stopped every decision for tens of milliseconds each 4,096 decisions.
    /// </summary>
    public sealed class OnlineEventIds
    {
        public const int BlockSize = 4096;
        public const string Setting = "online-event-floor";
        private readonly Database _db;
        private readonly object _gate = new object();
        private long _next;
        private long _floor;
        /// <summary>The next block, reserved by a committed batch (<see cref="ReserveAhead"/>).</summary>
        private long _aheadFloor;
        private bool _aheadReady;
        /// <summary>Half of the current block is used and no next block is reserved yet.</summary>
        private volatile bool _wantAhead;

        public OnlineEventIds(Database db)
        {
            _db = db;
            // Existing databases: start below the lowest id already used.
            db.Execute("INSERT INTO settings (name, value) SELECT @n, CAST(COALESCE(MIN(event_id), 0) AS TEXT) FROM access_log WHERE 1 = 1 " +
                "ON CONFLICT (name) DO NOTHING", new { n = Setting });
        }

        /// <summary>The next id. When the block is used up, the next one is the block reserved ahead or, if none is
        /// (PostgreSQL, or the first block), one taken here by an autocommitted update outside any caller's transaction.</summary>
        public long Next()
        {
            lock (_gate)
            {
                if (_next <= _floor)
                {
                    _floor = _aheadReady ? _aheadFloor : Take(_db.QuerySingle(TakeBlock, new { n = Setting }));
                    _aheadReady = false;
                    _next = _floor + BlockSize;
                }
                _wantAhead = !_aheadReady && _next - _floor <= BlockSize / 2;
                return --_next;
            }
        }

        /// <summary>Called by the one writer inside its batch's transaction: reserves the next block if it is wanted;
        /// it becomes usable when that transaction commits (a rolled-back batch reserves nothing).</summary>
        public void ReserveAhead(Tx tx)
        {
            if (!_wantAhead) return;
            long floor = Take(tx.QuerySingle(TakeBlock, new { n = Setting }));
            Database.AfterCommit(() =>
            {
                lock (_gate)
                {
                    _aheadFloor = floor;
                    _aheadReady = true;
                    _wantAhead = false;
                }
            });
        }

        private static readonly string TakeBlock = "UPDATE settings SET value = CAST(CAST(value AS BIGINT) - " + BlockSize + " AS TEXT) WHERE name = @n RETURNING value";

        private static long Take(Row row) => long.Parse(row.Str("value"), CultureInfo.InvariantCulture);
    }
}

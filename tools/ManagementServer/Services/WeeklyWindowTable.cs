using System.Collections.Generic;
using DoorController.Server.Storage;

namespace DoorController.Server.Services
{
    /// <summary>
    /// One table of weekly windows (days mask, start and end minute, site-local time) owned by a row elsewhere: a
    /// permission's time windows, a reader's card + PIN windows, a door's office-mode windows. The three are written
    /// the same way — the owner's windows replaced as a whole inside the caller's transaction — and read back in the
    /// order they were given, so that rule lives here once.
    /// </summary>
    public sealed class WeeklyWindowTable
    {
        public static readonly WeeklyWindowTable Permission = new WeeklyWindowTable("permission_windows", "permission_id");
        public static readonly WeeklyWindowTable CardAndPin = new WeeklyWindowTable("reader_card_pin_windows", "reader_id");
        public static readonly WeeklyWindowTable OfficeMode = new WeeklyWindowTable("door_office_windows", "door_id");

        private readonly string _replaceDelete;
        private readonly string _insert;
        private readonly string _select;

        private WeeklyWindowTable(string table, string ownerColumn)
        {
            // Table and column names are fixed above, never from input; the values are parameters.
            _replaceDelete = "DELETE FROM " + table + " WHERE " + ownerColumn + " = @o";
            _insert = "INSERT INTO " + table + " (" + ownerColumn + ", days_mask, start_minute, end_minute) VALUES (@o, @d, @s, @e)";
            _select = "SELECT days_mask AS days, start_minute AS start, end_minute AS \"end\" FROM " + table + " WHERE " + ownerColumn + " = @o ORDER BY id";
        }

        /// <summary>The owner's windows become exactly <paramref name="windows"/> (none: the owner has no windows).</summary>
        public void Replace(Tx tx, string ownerId, IEnumerable<WindowInput> windows)
        {
            tx.Execute(_replaceDelete, new { o = ownerId });
            foreach (var w in windows)
            {
                tx.Execute(_insert, new { o = ownerId, d = (long)w.DaysMask, s = (long)w.StartMinute, e = (long)w.EndMinute });
            }
        }

        /// <summary>The owner's windows as the API shows them: days, start, end.</summary>
        public List<Row> Read(Database db, string ownerId) => db.Query(_select, new { o = ownerId });
    }
}

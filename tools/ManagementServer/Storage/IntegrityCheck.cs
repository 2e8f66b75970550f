using System.Collections.Generic;
using Microsoft.Data.Sqlite;

namespace DoorController.Server.Storage
{
    /// <summary>
    /// A damaged SQLite file is found at start, not at the first decision: <c>PRAGMA quick_check</c> walks every
    /// page of every table and index. The server then refuses to start with a message that says what is wrong
    /// and what to do, instead of taking decisions from damaged data.
    /// </summary>
    public static class IntegrityCheck
    {
        private const int MaxProblemsShown = 5;

        public static Database OpenSqlite(string path)
        {
            try
            {
                var db = Database.OpenSqlite(path);
                var problems = new List<string>();
                db.Scan("PRAGMA quick_check(" + MaxProblemsShown + ")", null, r => problems.Add(r.GetString(0)));
                if (problems.Count == 1 && problems[0] == "ok") return db;
                throw Damaged(path, string.Join("; ", problems));
            }
            catch (SqliteException e) when (e.SqliteErrorCode == 11 || e.SqliteErrorCode == 26)
            {
                // SQLITE_CORRUPT, SQLITE_NOTADB
                throw Damaged(path, e.Message);
            }
        }

        private static StartupException Damaged(string path, string problems)
        {
            SqliteConnection.ClearAllPools();
            return new StartupException("the database " + path + " is damaged (" + problems + "). The server did not start, so no decision " +
                "is taken from damaged data: restore the database from a backup (with its -wal file, if any), or move it aside to start empty.");
        }
    }
}

using System.Collections.Generic;
using System.Globalization;
using System.Text;
using DoorController.Server.Storage;

namespace DoorController.Server.Cluster
{
    /// <summary>
    /// Per-person serialisation across instances: transaction-level PostgreSQL advisory locks keyed by the user's
    /// number, taken in ascending order (so two transactions locking overlapping sets cannot deadlock) and released
    /// by the commit. Whoever decides or replays a passage of a person holds that person's lock while it reads and
    /// moves their presence, so two entries of one person at two doors on two instances are decided one after the
    /// other, the second seeing the first. On SQLite there is one writer and nothing to do.
    /// </summary>
    public static class UserLocks
    {
        /// <summary>The high half of every user lock key ("dcU\0"), apart from the leader and migration keys.</summary>
        private const long Space = 0x64635500L << 32;

        public static void Lock(Tx tx, IEnumerable<int> userNumbers)
        {
            if (tx.Db == null || tx.Db.Dialect != SqlDialect.Postgres) return;
            string sql = Statements(userNumbers);
            if (sql.Length > 0) tx.Execute(sql);
        }

        /// <summary>The locking statements, to send ahead of others in one command: the statements of a command run in
        /// order, so the locks are taken in ascending order before what follows reads anything. Empty for no users.</summary>
        public static string Statements(IEnumerable<int> userNumbers)
        {
            var sorted = new SortedSet<int>(userNumbers);
            sorted.Remove(0);
            var sql = new StringBuilder();
            foreach (int user in sorted)
            {
                sql.Append("SELECT pg_advisory_xact_lock(").Append((Space | (uint)user).ToString(CultureInfo.InvariantCulture)).Append(");");
            }
            return sql.ToString();
        }
    }
}

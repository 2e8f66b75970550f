using System.Collections.Generic;
using System.Data.Common;

namespace DoorController.Server.Storage
{
    /// <summary>An open transaction handed to a unit of work by <see cref="Database.InTransaction{T}"/>.</summary>
    public sealed class Tx
    {
        public Tx(DbConnection connection, DbTransaction transaction, Database db = null)
        {
            Db = db;
            Connection = connection;
            Transaction = transaction;
        }

        /// <summary>The database this transaction belongs to (for its caches).</summary>
        public Database Db { get; }

        public DbConnection Connection { get; }
        public DbTransaction Transaction { get; }

        public int Execute(string sql, object args = null)
        {
            return Database.Exec(Connection, Transaction, sql, args);
        }

        public List<Row> Query(string sql, object args = null)
        {
            return Database.Query(Connection, Transaction, sql, args);
        }

        public Row QuerySingle(string sql, object args = null)
        {
            var rows = Query(sql, args);
            return rows.Count == 0 ? null : rows[0];
        }
    }
}

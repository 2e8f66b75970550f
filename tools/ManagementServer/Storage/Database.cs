using System;
using System.Collections.Generic;
using System.Data;
using System.Data.Common;
using System.Reflection;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace DoorController.Server.Storage
{
    /// <summary>
    /// A thin ADO.NET layer over SQLite (default: one file in the data directory, WAL, busy timeout) or PostgreSQL
    /// (by connection string). Parameters are named <c>@name</c> and taken from an anonymous object; booleans are
    /// stored as integers 0/1 on both so that every query is written once.
    /// </summary>
    public sealed class Database
    {
        /// <summary>How long a writer waits for SQLite's lock before failing (ms).</summary>
        public const int SqliteBusyTimeoutMilliseconds = 10000;

        /// <summary>WAL pages between automatic checkpoints (~40 MB of 4 KB pages).</summary>
        public const int WalCheckpointPages = 10000;

        private readonly string _connectionString;
        private NpgsqlDataSource _pg;

        private Database(SqlDialect dialect, string connectionString)
        {
            Dialect = dialect;
            _connectionString = connectionString;
        }

        public SqlDialect Dialect { get; }

        /// <summary>Server id → number and back (<see cref="NumericIds"/>): assignments never change, so they are cached.</summary>
        internal System.Collections.Concurrent.ConcurrentDictionary<string, int> NumberOf { get; } = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();
        internal System.Collections.Concurrent.ConcurrentDictionary<int, string> RefOf { get; } = new System.Collections.Concurrent.ConcurrentDictionary<int, string>();

        public static Database OpenSqlite(string path)
        {
            var b = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = true, DefaultTimeout = 30 };
            var db = new Database(SqlDialect.Sqlite, b.ToString());
            using (var c = db.Open())
            {
                // WAL: readers (the web page polling the log) never block the writer; FULL sync makes a committed
                // access-log row survive power loss, which the "durable before the answer" rule needs.
                Exec(c, null, "PRAGMA journal_mode=WAL;", null);
            }
            return db;
        }

        public static Database OpenPostgres(string connectionString)
        {
            var db = new Database(SqlDialect.Postgres, connectionString);
            db._pg = NpgsqlDataSource.Create(connectionString);
            return db;
        }

        public DbConnection Open()
        {
            if (Dialect == SqlDialect.Postgres)
            {
                return _pg.OpenConnection();
            }
            var c = new SqliteConnection(_connectionString);
            c.Open();
            // Checkpoint every WalCheckpointPages, not SQLite's 1,000: a group commit of ~100 access-log rows dirties
            // a few hundred index pages, so the default checkpointed every few commits, on the committing thread,
            // copying pages that the next commits rewrite anyway. Durability is the WAL's (synchronous=FULL) either way.
            // secure_delete: deleted rows (sessions, purged history, replaced keys) are overwritten, not left in free pages.
            Exec(c, null, "PRAGMA busy_timeout=" + SqliteBusyTimeoutMilliseconds + "; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA secure_delete=ON; PRAGMA wal_autocheckpoint=" + WalCheckpointPages + ";", null);
            return c;
        }

        /// <summary>A PostgreSQL connection of its own, outside the pool: a session-level advisory lock held on it (the
        /// leader's, the migration lock) goes with the connection, never back into the pool with it.</summary>
        public NpgsqlConnection OpenDedicated()
        {
            if (Dialect != SqlDialect.Postgres) throw new InvalidOperationException("a dedicated connection is for PostgreSQL");
            var b = new NpgsqlConnectionStringBuilder(_connectionString) { Pooling = false };
            var c = new NpgsqlConnection(b.ToString());
            c.Open();
            return c;
        }

        /// <summary>Rewrites storage so that values replaced in <paramref name="table"/> leave the files: on SQLite the
        /// whole file is rebuilt (VACUUM) and the WAL emptied; on PostgreSQL the table is rewritten (VACUUM FULL).</summary>
        public void Scrub(string table)
        {
            if (Dialect == SqlDialect.Postgres)
            {
                Execute("VACUUM FULL " + table);
                return;
            }
            Execute("VACUUM");
            Execute("PRAGMA wal_checkpoint(TRUNCATE)");
        }

        public int Execute(string sql, object args = null)
        {
            using (var c = Open())
            {
                return Exec(c, null, sql, args);
            }
        }

        public List<Row> Query(string sql, object args = null)
        {
            using (var c = Open())
            {
                return Query(c, null, sql, args);
            }
        }

        /// <summary>Streams the result to <paramref name="row"/> (read columns by ordinal): for large scans where a
        /// <see cref="Row"/> dictionary per row would cost more than the query.</summary>
        public void Scan(string sql, object args, Action<DbDataReader> row)
        {
            using (var c = Open())
            using (var cmd = Command(c, null, sql, args))
            using (var r = cmd.ExecuteReader())
            {
                while (r.Read()) row(r);
            }
        }

        public Row QuerySingle(string sql, object args = null)
        {
            var rows = Query(sql, args);
            return rows.Count == 0 ? null : rows[0];
        }

        /// <summary>Runs <paramref name="work"/> in one transaction: all of its writes land or none do.</summary>
        public T InTransaction<T>(Func<Tx, T> work) => InTransaction(null, work);

        /// <summary>As <see cref="InTransaction{T}(Func{Tx, T})"/>; with a <paramref name="session"/>, on its open
        /// connection and with its prepared statements, which outlive the transaction.</summary>
        internal T InTransaction<T>(WriterSession session, Func<Tx, T> work)
        {
            bool outermost = _afterCommit == null;
            if (outermost) _afterCommit = new List<Action>();
            try
            {
                T result;
                DbConnection c = session == null ? Open() : session.Connection;
                try
                {
                    using (var t = c.BeginTransaction(IsolationLevel.ReadCommitted))
                    {
                        var tx = new Tx(c, t, this, session?.Commands, session?.Statements);
                        try
                        {
                            result = work(tx);
                            t.Commit();
                        }
                        finally
                        {
                            tx.DisposeCommands();
                        }
                    }
                }
                finally
                {
                    if (session == null) c.Dispose();
                }
                if (outermost)
                {
                    var actions = _afterCommit;
                    _afterCommit = null;
                    foreach (var action in actions) action();
                }
                return result;
            }
            finally
            {
                if (outermost) _afterCommit = null;
            }
        }

        /// <summary>Work to do once the transaction this thread is in has committed (dropped if it rolls back); at
        /// once outside a transaction. Cache invalidation goes here: a reader that reloaded between the change and
        /// its commit would otherwise keep the old state. The same action queued again in one transaction runs once.</summary>
        public static void AfterCommit(Action action)
        {
            if (_afterCommit == null) action();
            else if (!_afterCommit.Contains(action)) _afterCommit.Add(action);
        }

        [ThreadStatic]
        private static List<Action> _afterCommit;

        public void InTransaction(Action<Tx> work)
        {
            InTransaction<int>(tx => { work(tx); return 0; });
        }

        internal static int Exec(DbConnection c, DbTransaction t, string sql, object args)
        {
            using (var cmd = Command(c, t, sql, args))
            {
                return cmd.ExecuteNonQuery();
            }
        }

        internal static List<Row> Query(DbConnection c, DbTransaction t, string sql, object args)
        {
            using (var cmd = Command(c, t, sql, args))
            {
                return Read(cmd);
            }
        }

        internal static List<Row> Read(DbCommand cmd)
        {
            using (var r = cmd.ExecuteReader())
            {
                return ReadSet(r);
            }
        }

        /// <summary>Every result set of a command of several statements (one round trip), in order.</summary>
        internal static List<List<Row>> ReadAll(DbConnection c, DbTransaction t, string sql, object args)
        {
            var sets = new List<List<Row>>();
            using (var cmd = Command(c, t, sql, args))
            using (var r = cmd.ExecuteReader())
            {
                do sets.Add(ReadSet(r)); while (r.NextResult());
            }
            return sets;
        }

        private static List<Row> ReadSet(DbDataReader r)
        {
            var rows = new List<Row>();
            while (r.Read())
            {
                var d = new Dictionary<string, object>(r.FieldCount, StringComparer.OrdinalIgnoreCase);
                for (int i = 0; i < r.FieldCount; i++)
                {
                    d[r.GetName(i)] = r.IsDBNull(i) ? null : r.GetValue(i);
                }
                rows.Add(new Row(d));
            }
            return rows;
        }

        private static DbCommand Command(DbConnection c, DbTransaction t, string sql, object args)
        {
            var cmd = c.CreateCommand();
            cmd.CommandText = sql;
            cmd.Transaction = t;
            Bind(cmd, args);
            return cmd;
        }

        /// <summary>An argument object's properties and their parameter names ("@" + name), once per type: GetProperties
        /// copies its array on every call, and a statement per row made that and the names show up.</summary>
        private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, (PropertyInfo Property, string Name)[]> PropertiesOf =
            new System.Collections.Concurrent.ConcurrentDictionary<Type, (PropertyInfo, string)[]>();

        private static (PropertyInfo Property, string Name)[] ParametersOf(Type t) => PropertiesOf.GetOrAdd(t, type => Array.ConvertAll(type.GetProperties(), p => (p, "@" + p.Name)));

        /// <summary>A prepared command run again with arguments of the same shape: its parameters are given the new values
        /// in place instead of being made anew (the group-commit writer binds about twenty per online row). False when the
        /// shape differs; the caller then binds from scratch.</summary>
        internal static bool Rebind(DbCommand cmd, object args)
        {
            if (args == null || args is IDictionary<string, object>) return false;
            var parameters = ParametersOf(args.GetType());
            if (cmd.Parameters.Count != parameters.Length) return false;
            for (int i = 0; i < parameters.Length; i++)
            {
                if (!ReferenceEquals(cmd.Parameters[i].ParameterName, parameters[i].Name)) return false;
            }
            for (int i = 0; i < parameters.Length; i++) SetValue(cmd.Parameters[i], parameters[i].Property, args);
            return true;
        }

        /// <summary>A value as the databases take it: booleans as 0/1; a NULL typed from its property (PostgreSQL needs
        /// a type even for NULL; text converts implicitly where a column is text, and the columns that may be NULL
        /// integers are bound with typed nulls by the callers).</summary>
        private static void SetValue(DbParameter prm, PropertyInfo p, object args)
        {
            object v = p.GetValue(args);
            if (v is bool b) v = b ? 1 : 0;
            prm.ResetDbType();
            prm.Value = v ?? DBNull.Value;
            if (v == null)
            {
                prm.DbType = p.PropertyType == typeof(long?) || p.PropertyType == typeof(int?) ? DbType.Int64
                    : p.PropertyType == typeof(double?) ? DbType.Double : DbType.String;
            }
        }

        internal static void Bind(DbCommand cmd, object args)
        {
            if (args is IDictionary<string, object> named)
            {
                // Variable parameter lists (IN (...)): non-null strings or numbers only.
                foreach (var kv in named)
                {
                    var prm = cmd.CreateParameter();
                    prm.ParameterName = "@" + kv.Key;
                    prm.Value = kv.Value ?? DBNull.Value;
                    cmd.Parameters.Add(prm);
                }
            }
            else if (args != null)
            {
                foreach (var (p, name) in ParametersOf(args.GetType()))
                {
                    var prm = cmd.CreateParameter();
                    prm.ParameterName = name;
                    SetValue(prm, p, args);
                    cmd.Parameters.Add(prm);
                }
            }
        }
    }
}

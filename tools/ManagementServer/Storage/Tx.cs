using System;
using System.Collections.Generic;
using System.Data.Common;

namespace DoorController.Server.Storage
{
    /// <summary>An open transaction handed to a unit of work by <see cref="Database.InTransaction{T}(System.Func{Tx, T})"/>.
    /// On SQLite it keeps one command per distinct SQL text for its lifetime, so a statement run once per row of a batch
    /// is parsed and prepared once per transaction, not once per row (once per <see cref="WriterSession"/> when it
    /// runs in one).</summary>
    public sealed class Tx
    {
        private Dictionary<string, DbCommand> _commands;
        private Dictionary<string, SqliteStatement> _statements;
        /// <summary>Whether the commands are this transaction's (disposed at its end) rather than a session's.</summary>
        private readonly bool _ownsCommands;

        /// <param name="sessionCommands">A session's prepared commands, reused and left open at the end.</param>
        /// <param name="sessionStatements">A session's prepared <see cref="SqliteStatement"/>s, likewise.</param>
        public Tx(DbConnection connection, DbTransaction transaction, Database db = null, Dictionary<string, DbCommand> sessionCommands = null,
            Dictionary<string, SqliteStatement> sessionStatements = null)
        {
            _statements = sessionStatements;
            Db = db;
            Connection = connection;
            Transaction = transaction;
            _commands = sessionCommands;
            _ownsCommands = sessionCommands == null;
        }

        /// <summary>The database this transaction belongs to (for its caches).</summary>
        public Database Db { get; }

        public DbConnection Connection { get; }
        public DbTransaction Transaction { get; }

        private HashSet<string> _done;

        /// <summary>True the first time <paramref name="key"/> is named in this transaction: work whose effect is the
        /// same however often it is repeated before the commit (a cache version bump) is done once.</summary>
        public bool FirstTime(string key) => (_done ??= new HashSet<string>(StringComparer.Ordinal)).Add(key);

        public int Execute(string sql, object args = null)
        {
            DbCommand cmd = Cached(sql, args);
            return cmd == null ? Database.Exec(Connection, Transaction, sql, args) : cmd.ExecuteNonQuery();
        }

        public List<Row> Query(string sql, object args = null)
        {
            DbCommand cmd = Cached(sql, args);
            return cmd == null ? Database.Query(Connection, Transaction, sql, args) : Database.Read(cmd);
        }

        /// <summary>Runs several statements in one round trip and returns each one's result set, in order (PostgreSQL:
        /// where a transaction holds locks, round trips are what it waits on).</summary>
        public List<List<Row>> QueryResults(string sql, object args = null)
        {
            return Database.ReadAll(Connection, Transaction, sql, args);
        }

        /// <summary>The reusable command for <paramref name="sql"/> with <paramref name="args"/> bound (SQLite only:
        /// its prepared statements stay valid while the text is unchanged; null elsewhere).</summary>
        private DbCommand Cached(string sql, object args)
        {
            if (Db == null || Db.Dialect != SqlDialect.Sqlite) return null;
            if (_commands == null) _commands = new Dictionary<string, DbCommand>();
            if (!_commands.TryGetValue(sql, out DbCommand cmd))
            {
                cmd = Connection.CreateCommand();
                cmd.CommandText = sql;
                _commands[sql] = cmd;
            }
            cmd.Transaction = Transaction;
            if (Database.Rebind(cmd, args)) return cmd;
            cmd.Parameters.Clear();
            Database.Bind(cmd, args);
            return cmd;
        }

        /// <summary>SQLite: <paramref name="sql"/> prepared once (per session, else per transaction), its values bound in
        /// place (<see cref="SqliteStatement"/>); null on PostgreSQL, where the caller runs the same text through
        /// <see cref="Execute"/> or <see cref="Query"/>.</summary>
        public SqliteStatement Prepared(string sql)
        {
            if (Db == null || Db.Dialect != SqlDialect.Sqlite) return null;
            if (_statements == null) _statements = new Dictionary<string, SqliteStatement>();
            if (!_statements.TryGetValue(sql, out SqliteStatement statement))
            {
                statement = new SqliteStatement((Microsoft.Data.Sqlite.SqliteConnection)Connection, sql);
                _statements[sql] = statement;
            }
            return statement;
        }

        /// <summary>Called by the owner when the transaction ends.</summary>
        internal void DisposeCommands()
        {
            if (!_ownsCommands)
            {
                return;
            }
            if (_commands != null) foreach (var cmd in _commands.Values) cmd.Dispose();
            if (_statements != null) foreach (var statement in _statements.Values) statement.Dispose();
            _commands = null;
            _statements = null;
        }

        public Row QuerySingle(string sql, object args = null)
        {
            var rows = Query(sql, args);
            return rows.Count == 0 ? null : rows[0];
        }
    }
}

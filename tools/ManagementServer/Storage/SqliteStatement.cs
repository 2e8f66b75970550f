using System;
using System.Collections.Generic;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace DoorController.Server.Storage
{
    /// <summary>
    /// A SQLite statement prepared once and run again with its values bound in place. The group-commit writer runs
    /// three statements per online row (the row, the person's presence, the controller's nonce); through ADO.NET each
    /// run also made a data reader, looked every parameter up by name (a UTF-8 copy of the name each time) and boxed
    /// every value through reflection, which cost about as much CPU as SQLite's own work on the row. The SQL is the same
    /// text the other database runs through ADO.NET. Busy waits are SQLite's own (the connection's busy_timeout).
    /// </summary>
    public sealed class SqliteStatement : IDisposable
    {
        private readonly sqlite3 _db;
        private readonly sqlite3_stmt _statement;
        /// <summary>Each parameter's position, looked up once ("@name" as written in the SQL).</summary>
        private readonly Dictionary<string, int> _index = new Dictionary<string, int>(StringComparer.Ordinal);

        internal SqliteStatement(SqliteConnection connection, string sql)
        {
            _db = connection.Handle;
            Check(raw.sqlite3_prepare_v2(_db, sql, out _statement));
            int count = raw.sqlite3_bind_parameter_count(_statement);
            for (int i = 1; i <= count; i++) _index[raw.sqlite3_bind_parameter_name(_statement, i).utf8_to_string()] = i;
        }

        public SqliteStatement Bind(string name, string value)
        {
            int i = Index(name);
            Check(value == null ? raw.sqlite3_bind_null(_statement, i) : raw.sqlite3_bind_text(_statement, i, value));
            return this;
        }

        public SqliteStatement Bind(string name, long value)
        {
            Check(raw.sqlite3_bind_int64(_statement, Index(name), value));
            return this;
        }

        public SqliteStatement Bind(string name, long? value)
        {
            if (value.HasValue) return Bind(name, value.Value);
            Check(raw.sqlite3_bind_null(_statement, Index(name)));
            return this;
        }

        /// <summary>A boolean as the schema stores it: 0 or 1.</summary>
        public SqliteStatement Bind(string name, bool value) => Bind(name, value ? 1L : 0L);

        private int Index(string name)
        {
            if (_index.TryGetValue(name, out int i)) return i;
            throw new ArgumentException("the statement has no parameter " + name, nameof(name));
        }

        /// <summary>Runs it to the end; the first column of its first row (RETURNING), or null when it returned none.</summary>
        public long? Run()
        {
            try
            {
                long? first = null;
                int rc;
                while ((rc = raw.sqlite3_step(_statement)) == raw.SQLITE_ROW)
                {
                    if (!first.HasValue) first = raw.sqlite3_column_int64(_statement, 0);
                }
                if (rc != raw.SQLITE_DONE) Check(rc);
                return first;
            }
            finally
            {
                raw.sqlite3_reset(_statement);
                raw.sqlite3_clear_bindings(_statement);
            }
        }

        private void Check(int rc)
        {
            if (rc != raw.SQLITE_OK && rc != raw.SQLITE_ROW && rc != raw.SQLITE_DONE)
            {
                throw new SqliteException("SQLite Error " + rc + ": '" + raw.sqlite3_errmsg(_db).utf8_to_string() + "'.", rc, raw.sqlite3_extended_errcode(_db));
            }
        }

        public void Dispose() => _statement?.Dispose();
    }
}

using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Threading;

namespace DoorController.Server.Storage
{
    /// <summary>
    /// One SQLite connection kept open by a single writing thread (the group-commit writer) for the transactions it
    /// runs back to back. Each statement is prepared once for the session instead of once per transaction, and the
    /// session's page cache (<see cref="CacheKibibytes"/>, SQLite's default is 2 MiB) keeps the access log's index
    /// pages from one commit to the next instead of reading them back from the WAL. Durability is unchanged: every
    /// transaction still commits with synchronous=FULL. After a failed transaction the connection is closed and the
    /// next one opens a fresh connection. On PostgreSQL (pooled connections, plans kept by the driver) it uses the pool.
    /// </summary>
    public sealed class WriterSession : IDisposable
    {
        /// <summary>The session's page cache: the access log and its indexes of a busy site's recent weeks.</summary>
        public const int CacheKibibytes = 64 * 1024;
        /// <summary>How often the checkpoint thread copies the WAL into the database file while commits go on.</summary>
        public const int CheckpointIntervalMilliseconds = 500;
        /// <summary>WAL pages after which a commit of the session checkpoints by itself (the thread is behind).</summary>
        public const int FallbackCheckpointPages = 4 * Database.WalCheckpointPages;
        private readonly Database _db;
        private DbConnection _connection;
        private Thread _checkpointer;
        private readonly ManualResetEventSlim _stop = new ManualResetEventSlim(false);
        /// <summary>Set by each commit, cleared by the checkpoint thread: nothing to copy while the session is idle.</summary>
        private int _committed;

        public WriterSession(Database db)
        {
            _db = db;
        }

        internal DbConnection Connection => _connection;
        internal Dictionary<string, DbCommand> Commands { get; } = new Dictionary<string, DbCommand>();
        internal Dictionary<string, SqliteStatement> Statements { get; } = new Dictionary<string, SqliteStatement>();

        /// <summary>Runs <paramref name="work"/> in one transaction on the session's connection (opened if needed).</summary>
        public void InTransaction(Action<Tx> work)
        {
            if (_db.Dialect != SqlDialect.Sqlite)
            {
                _db.InTransaction(work);
                return;
            }
            if (_connection == null)
            {
                _connection = _db.Open();
                Database.Exec(_connection, null, "PRAGMA cache_size=-" + CacheKibibytes + "; PRAGMA wal_autocheckpoint=" + FallbackCheckpointPages + ";", null);
                if (_checkpointer == null)
                {
                    _checkpointer = new Thread(CheckpointLoop) { IsBackground = true, Name = "wal-checkpoint" };
                    _checkpointer.Start();
                }
            }
            try
            {
                _db.InTransaction(this, tx =>
                {
                    work(tx);
                    return 0;
                });
                Volatile.Write(ref _committed, 1);
            }
            catch
            {
                Close();
                throw;
            }
        }

        private void CheckpointLoop()
        {
            string lastProblem = null;
            while (!_stop.Wait(CheckpointIntervalMilliseconds))
            {
                if (Interlocked.Exchange(ref _committed, 0) == 0) continue;
                try
                {
                    _db.Execute("PRAGMA wal_checkpoint(PASSIVE)");
                    lastProblem = null;
                }
                catch (Exception e) when (e is DbException || e is InvalidOperationException)
                {
                    // The commits checkpoint by themselves meanwhile (FallbackCheckpointPages); one line per problem.
                    if (e.Message != lastProblem) Console.Error.WriteLine("wal checkpoint: " + e.Message);
                    lastProblem = e.Message;
                }
            }
        }

        private void Close()
        {
            foreach (var cmd in Commands.Values) cmd.Dispose();
            Commands.Clear();
            foreach (var statement in Statements.Values) statement.Dispose();
            Statements.Clear();
            if (_connection == null) return;
            try
            {
                // The connection goes back to the pool: with SQLite's own cache size again.
                Database.Exec(_connection, null, "PRAGMA cache_size=-2000", null);
            }
            catch (Exception e) when (e is DbException || e is InvalidOperationException)
            {
                // A broken connection: it is disposed below either way.
            }
            _connection.Dispose();
            _connection = null;
        }

        public void Dispose()
        {
            _stop.Set();
            _checkpointer?.Join(5000);
            Close();
        }
    }
}

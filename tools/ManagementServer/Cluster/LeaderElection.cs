using System;
using System.Threading;
using DoorController.Server.Storage;
using Npgsql;

namespace DoorController.Server.Cluster
{
    /// <summary>
    /// Chooses the one instance that does the singleton work (replay ingest, retro review, bundle pushes, retention
    /// purge): the holder of a session-level PostgreSQL advisory lock on a connection of its own. The
    /// lock goes with the session, so a leader killed with SIGKILL (its socket closed by the kernel) or cut off from
    /// the database frees it at once, and a follower polling every <see cref="PollMilliseconds"/> takes it. On SQLite
    /// there is one instance, always the leader.
    /// A leader that cannot reach the database steps down at its next poll; until then two instances may both think
    /// they lead, so every piece of singleton work is safe to run twice (idempotent writes, guarded updates).
    /// </summary>
    public sealed class LeaderElection : IDisposable
    {
        /// <summary>The advisory lock key ("doorlead").</summary>
        public const long LockKey = 0x646f6f726c656164;
        public const int PollMilliseconds = 500;
        private readonly Database _db;
        private readonly string _instance;
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();
        private readonly Thread _thread;
        private NpgsqlConnection _session;
        private volatile bool _leader;

        public LeaderElection(Database db, string instance)
        {
            _db = db;
            _instance = instance ?? Environment.MachineName;
            if (db.Dialect != SqlDialect.Postgres)
            {
                _leader = true;
                return;
            }
            _thread = new Thread(Run) { IsBackground = true, Name = "leader-election" };
        }

        public bool IsLeader => _leader;

        /// <summary>Raised on the election thread when this instance becomes leader (and when it steps down).</summary>
        public event Action<bool> LeadershipChanged;

        public void Start()
        {
            _thread?.Start();
        }

        private void Run()
        {
            while (!_stop.IsCancellationRequested)
            {
                try
                {
                    Poll();
                }
                catch (Exception e) when (e is NpgsqlException || e is InvalidOperationException || e is System.IO.IOException || e is TimeoutException)
                {
                    if (_leader) Console.Error.WriteLine("leader " + _instance + ": lost the database session, stepping down: " + e.Message);
                    Drop();
                }
                _stop.Token.WaitHandle.WaitOne(PollMilliseconds);
            }
            Drop();
        }

        private void Poll()
        {
            if (_session == null) _session = _db.OpenDedicated();
            if (_leader)
            {
                // The lock lives as long as this session: proving the session alive proves the leadership.
                using (var check = new NpgsqlCommand("SELECT 1", _session) { CommandTimeout = 2 }) check.ExecuteScalar();
                return;
            }
            using (var take = new NpgsqlCommand("SELECT pg_try_advisory_lock(" + LockKey + ")", _session) { CommandTimeout = 2 })
            {
                if (!(bool)take.ExecuteScalar()) return;
            }
            _leader = true;
            Console.WriteLine("instance " + _instance + " is the leader");
            Raise(true);
        }

        private void Drop()
        {
            bool was = _leader;
            _leader = false;
            try { _session?.Dispose(); } catch (Exception) { }
            _session = null;
            if (was) Raise(false);
        }

        private void Raise(bool leader)
        {
            try { LeadershipChanged?.Invoke(leader); }
            catch (Exception e) { Console.Error.WriteLine("leadership change handler failed: " + e.Message); }
        }

        public void Dispose()
        {
            _stop.Cancel();
            _thread?.Join(3000);
        }
    }
}

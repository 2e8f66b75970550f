using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using DoorController.Server.Services;

namespace DoorController.Server.Decisions
{
    /// <summary>
    /// Makes each online decision's access-log row durable before its answer is sent, without one fsync per
    /// decision: a single writer takes everything queued, writes it in one transaction (one commit, one fsync),
    /// then releases the answers. Under load a batch grows, so throughput rises while latency stays one commit.
    /// If the commit fails (a full disk, a damaged file), no decision in the batch is answered: no unlogged grant
    /// opens a door, and the controllers decide from their signed caches and journal the events for replay.
    /// On PostgreSQL the batch is also decided inside that transaction (<see cref="Cluster.SerialisedDecisions"/>),
    /// under the locks of the people in it, so instances sharing the database never grant on stale presence.
    /// The same transaction stores each controller's highest accepted request nonce (decision_nonces; on
    /// PostgreSQL each nonce in request_nonces), so the replay guard survives a restart exactly as far as the history
    /// it protects. On SQLite the writer keeps its own connection (<see cref="Storage.WriterSession"/>): statements
    /// prepared once, index pages cached between commits.
    /// </summary>
    public sealed class GroupCommitWriter : IDisposable
    {
        public const int MaxBatch = 512;
        private readonly ServerServices _s;
        private readonly BlockingCollection<PendingDecision> _queue = new BlockingCollection<PendingDecision>(100_000);
        private readonly Action<Storage.Tx, List<PendingDecision>> _decideInTransaction;
        private readonly Dictionary<string, long> _nonces = new Dictionary<string, long>();
        private readonly Storage.WriterSession _session;
        /// <summary>SQLite: the next block of online event ids is reserved in a batch (null on PostgreSQL).</summary>
        private readonly Cluster.OnlineEventIds _eventIds;
        private readonly Thread _thread;
        private long _commits;
        private long _rows;
        /// <summary>When the current batch's statements were done (its COMMIT began): <see cref="DecisionTimes.Written"/>.</summary>
        private long _written;

        /// <param name="decideInTransaction">Null: items arrive decided (SQLite, one instance). Otherwise it decides the
        /// batch inside the transaction that logs it.</param>
        /// <param name="eventIds">SQLite: the online event ids whose next block this writer reserves.</param>
        public GroupCommitWriter(ServerServices services, Action<Storage.Tx, List<PendingDecision>> decideInTransaction = null, Cluster.OnlineEventIds eventIds = null)
        {
            _s = services;
            _decideInTransaction = decideInTransaction;
            _eventIds = eventIds;
            _session = new Storage.WriterSession(services.Context.Db);
            _thread = new Thread(Run) { IsBackground = true, Name = "group-commit" };
            _thread.Start();
        }

        public long Commits => Interlocked.Read(ref _commits);
        public long Rows => Interlocked.Read(ref _rows);

        /// <summary>Queues a decision; its <see cref="PendingDecision.Done"/> runs after the commit (true) or its failure (false).</summary>
        public void Enqueue(PendingDecision item)
        {
            if (!_queue.TryAdd(item, 1000)) item.Done(item, false);
        }

        private void Run()
        {
            var batch = new List<PendingDecision>(MaxBatch);
            while (!_queue.IsCompleted)
            {
                PendingDecision first;
                try
                {
                    if (!_queue.TryTake(out first, 500)) continue;
                }
                catch (InvalidOperationException)
                {
                    break;
                }
                batch.Clear();
                batch.Add(first);
                while (batch.Count < MaxBatch && _queue.TryTake(out var more)) batch.Add(more);
                long started = System.Diagnostics.Stopwatch.GetTimestamp();
                _written = started;
                bool ok = Commit(batch);
                long committed = System.Diagnostics.Stopwatch.GetTimestamp();
                foreach (var item in batch)
                {
                    item.Times.BatchStarted = started;
                    item.Times.Written = _written;
                    item.Times.Committed = committed;
                    try { item.Done(item, ok && item.Row != null); } catch (Exception e) { Console.Error.WriteLine("decision answer failed: " + e.Message); }
                }
            }
            _session.Dispose();
        }

        private bool Commit(List<PendingDecision> batch)
        {
            try
            {
                _session.InTransaction(tx =>
                {
                    Dictionary<(string, long), long> inserted = null;
                    _eventIds?.ReserveAhead(tx);
                    if (_decideInTransaction != null)
                    {
                        _decideInTransaction(tx, batch);
                        var rows = new List<AccessEvent>(batch.Count);
                        foreach (var item in batch) if (item.Row != null) rows.Add(item.Row);
                        inserted = _s.Log.RecordAll(tx, rows);
                    }
                    _nonces.Clear();
                    foreach (var item in batch)
                    {
                        if (item.Row == null) continue;
                        long? logId = inserted == null ? _s.Log.Record(tx, item.Row)
                            : inserted.TryGetValue((item.Row.DeviceId, item.Row.EventId), out long id) ? id : (long?)null;
                        if (!logId.HasValue)
                        {
                            // Its (device, event id) was taken: without its own row it is not answered.
                            item.Row = null;
                            continue;
                        }
                        long nonce = item.Request.Nonce;
                        if (nonce > 0 && (!_nonces.TryGetValue(item.DeviceId, out long n) || n < nonce)) _nonces[item.DeviceId] = nonce;
                        var o = item.Outcome;
                        if (logId.HasValue && o != null && o.Fraud)
                        {
                            // S218: fraud detected online; routed per the user's routes for this reader (Fig 9B).
                            _s.Alerts.Raise(tx, "fraud", "high", o.UserId, item.DeviceId, o.ReaderId, logId,
                                "fraud at reader " + o.ReaderId + ": " + o.FraudRule + (o.Granted ? " (allowed, flagged)" : " (denied)"));
                        }
                        if (logId.HasValue && o != null && o.Duress)
                        {
                            _s.Alerts.RaiseDuress(tx, o.UserId, item.DeviceId, o.ReaderId, logId, false);
                        }
                        if (logId.HasValue && o != null && o.SpentCredentialId != null)
                        {
                            _s.Alerts.RecordFirstUse(tx, o.SpentCredentialId, o.AtMs);
                        }
                    }
                    // On PostgreSQL the nonces were claimed in request_nonces (SerialisedDecisions): no device row is locked
                    // per batch, so instances do not queue behind each other on a busy controller.
                    if (_decideInTransaction == null) foreach (var kv in _nonces)
                    {
                        tx.Prepared(StoreNonce).Bind("@n", kv.Value).Bind("@d", kv.Key).Run();
                    }
                    _written = System.Diagnostics.Stopwatch.GetTimestamp();
                });
                Interlocked.Increment(ref _commits);
                Interlocked.Add(ref _rows, batch.Count);
                _s.Health.Cleared(StorageHealth.AccessLog);
                return true;
            }
            catch (Exception e)
            {
                _s.Health.Trouble(StorageHealth.AccessLog, e);
                return false;
            }
        }

        /// <summary>SQLite (one instance): a controller's highest accepted nonce, stored with the batch (in a table of a few
        /// pages: the devices table's wide rows cost a page written per controller of the batch).</summary>
        private const string StoreNonce = "INSERT INTO decision_nonces (device_id, nonce) VALUES (@d, @n) " +
            "ON CONFLICT (device_id) DO UPDATE SET nonce = excluded.nonce WHERE decision_nonces.nonce < excluded.nonce";

        public void Dispose()
        {
            _queue.CompleteAdding();
            _thread.Join(5000);
        }
    }
}

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
    /// The same transaction stores each controller's highest accepted request nonce (devices.request_nonce), so the
    /// replay guard survives a restart exactly as far as the history it protects.
    /// </summary>
    public sealed class GroupCommitWriter : IDisposable
    {
        public const int MaxBatch = 512;
        private readonly ServerServices _s;
        private readonly BlockingCollection<(AccessEvent Event, DecisionOutcome Outcome, long Nonce, Action<bool> Done)> _queue = new BlockingCollection<(AccessEvent, DecisionOutcome, long, Action<bool>)>(100_000);
        private readonly Dictionary<string, long> _nonces = new Dictionary<string, long>();
        private readonly Thread _thread;
        private long _commits;
        private long _rows;

        public GroupCommitWriter(ServerServices services)
        {
            _s = services;
            _thread = new Thread(Run) { IsBackground = true, Name = "group-commit" };
            _thread.Start();
        }

        public long Commits => Interlocked.Read(ref _commits);
        public long Rows => Interlocked.Read(ref _rows);

        /// <summary>Queues a decision's row and the request nonce it answers (0: none); <paramref name="done"/> runs
        /// after the commit (true) or its failure (false).</summary>
        public void Enqueue(AccessEvent ev, DecisionOutcome outcome, long requestNonce, Action<bool> done)
        {
            if (!_queue.TryAdd((ev, outcome, requestNonce, done), 1000)) done(false);
        }

        private void Run()
        {
            var batch = new List<(AccessEvent Event, DecisionOutcome Outcome, long Nonce, Action<bool> Done)>(MaxBatch);
            while (!_queue.IsCompleted)
            {
                (AccessEvent, DecisionOutcome, long, Action<bool>) first;
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
                bool ok = Commit(batch);
                foreach (var item in batch)
                {
                    try { item.Done(ok); } catch (Exception e) { Console.Error.WriteLine("decision answer failed: " + e.Message); }
                }
            }
        }

        private bool Commit(List<(AccessEvent Event, DecisionOutcome Outcome, long Nonce, Action<bool> Done)> batch)
        {
            try
            {
                _s.Context.Db.InTransaction(tx =>
                {
                    _nonces.Clear();
                    foreach (var item in batch)
                    {
                        if (item.Nonce > 0 && (!_nonces.TryGetValue(item.Event.DeviceId, out long n) || n < item.Nonce)) _nonces[item.Event.DeviceId] = item.Nonce;
                        long? logId = _s.Log.Record(tx, item.Event);
                        var o = item.Outcome;
                        if (logId.HasValue && o != null && o.Fraud)
                        {
                            // S218: fraud detected online; routed per the user's routes for this reader (Fig 9B).
                            _s.Alerts.Raise(tx, "fraud", "high", o.UserId, item.Event.DeviceId, o.ReaderId, logId,
                                "fraud at reader " + o.ReaderId + ": " + o.FraudRule + (o.Granted ? " (allowed, flagged)" : " (denied)"));
                        }
                        if (logId.HasValue && o != null && o.Duress)
                        {
                            _s.Alerts.RaiseDuress(tx, o.UserId, item.Event.DeviceId, o.ReaderId, logId, false);
                        }
                        if (logId.HasValue && o != null && o.SpentCredentialId != null)
                        {
                            _s.Alerts.RecordFirstUse(tx, o.SpentCredentialId, o.AtMs);
                        }
                    }
                    foreach (var kv in _nonces)
                    {
                        tx.Execute("UPDATE devices SET request_nonce = @n WHERE id = @d AND request_nonce < @n", new { n = kv.Value, d = kv.Key });
                    }
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

        public void Dispose()
        {
            _queue.CompleteAdding();
            _thread.Join(5000);
        }
    }
}

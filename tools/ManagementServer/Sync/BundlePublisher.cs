using System;
using System.Collections.Concurrent;
using System.Threading;
using DoorController.Access;
using DoorController.Core;
using DoorController.Hal;
using DoorController.Contract;
using DoorController.Journal;
using DoorController.Server.Decisions;
using DoorController.Server.Services;

namespace DoorController.Server.Sync
{
    /// <summary>
    /// Keeps every controller's cache current (docs/protocol.md "Cache sync"): answers sync requests with a signed
    /// full bundle when the controller's version is behind, and pushes a new bundle as soon as an admin change bumps
    /// a controller's cache version (revocations reach the door within a second, not at the next hourly sync).
    /// Bundle version = the device's cache version + 1, so it only grows. When the controller holds the last bundle
    /// sent to it, the next one is a delta against it (only what changed: a revocation is a few hundred bytes, not
    /// the whole 50,000-credential store); otherwise a full snapshot.
    /// With several instances, whichever hears a sync request answers it, every instance records the version a
    /// controller reports in <c>controller_sync</c>, and only the leader pushes after changes (from that table, so it
    /// knows about controllers that talked to another instance, and a new leader carries on where the old one stopped).
    /// Each controller's board flash (devices.flash_mb, from its registration and corrected by its sync requests,
    /// <see cref="BoardFlash"/>) bounds what it can install: a cache that would not fit is refused here with the reason
    /// in devices.sync_error and an alert, never sent to fail on the door; a delta larger than the controller's staging
    /// room goes as a full bundle.
    /// </summary>
    public sealed class BundlePublisher : IDisposable
    {
        private const int PollMilliseconds = 200;

        private readonly ServerServices _s;
        private readonly OnlineDecider _decider;
        private readonly IMqttTransport _transport;
        private readonly Func<int> _maxOfflineSeconds;
        private readonly BlockingCollection<(string Device, long Have, int FlashMegabytes)> _requests = new(10_000);
        private readonly Func<bool> _isLeader;
        private readonly ConcurrentDictionary<string, (uint Version, StoreImage Store)> _sent = new();
        private readonly ConcurrentDictionary<string, long> _refused = new();
        private readonly CancellationTokenSource _stop = new();
        private Thread _thread;

        /// <param name="maxOfflineSeconds">The site's offline lifetime, read for every bundle (SiteSettings).</param>
        /// <param name="isLeader">Whether this instance pushes bundles after changes now.</param>
        public BundlePublisher(ServerServices services, OnlineDecider decider, IMqttTransport transport, Func<int> maxOfflineSeconds, Func<bool> isLeader = null)
        {
            _isLeader = isLeader ?? (() => true);
            _s = services;
            _decider = decider;
            _transport = transport;
            _maxOfflineSeconds = maxOfflineSeconds;
        }

        public long BundlesSent => Interlocked.Read(ref _bundlesSent);
        public long DeltasSent => Interlocked.Read(ref _deltasSent);
        private long _bundlesSent;
        private long _deltasSent;

        public void Start()
        {
            _thread = new Thread(Run) { IsBackground = true, Name = "bundle-publisher" };
            _thread.Start();
        }

        /// <summary>From the MQTT thread, once its MAC and nonce passed: only queues.</summary>
        public void OnSyncRequest(string device, SyncRequest request)
        {
            _requests.TryAdd((device, request.Have, request.FlashMegabytes));
        }

        /// <summary>From the MQTT thread, once its MAC and nonce passed: a controller reported the version it installed (or kept).</summary>
        public void OnSyncResult(string device, SyncResult result)
        {
            _requests.TryAdd((device, -1 - (long)result.Installed, 0));
        }

        private void Run()
        {
            while (!_stop.IsCancellationRequested)
            {
                try
                {
                    if (_requests.TryTake(out var request, PollMilliseconds, _stop.Token))
                    {
                        // A result is queued as -1 - installed (it reports, it does not ask).
                        bool isResult = request.Have < 0;
                        long have = isResult ? -1 - request.Have : request.Have;
                        Record(request.Device, have);
                        if (request.FlashMegabytes != 0) RecordFlash(request.Device, request.FlashMegabytes);
                        if (!isResult) PublishIfBehind(request.Device, have);
                    }
                    if (_isLeader()) PushChanges();
                }
                catch (OperationCanceledException)
                {
                    return;
                }
                catch (Exception e)
                {
                    Console.Error.WriteLine("bundle publisher: " + e.Message);
                }
            }
        }

        /// <summary>The version a controller reported, for whichever instance pushes next.</summary>
        private void Record(string device, long installed)
        {
            _s.Context.Db.Execute("INSERT INTO controller_sync (device_id, installed, updated_at) SELECT id, @v, @t FROM devices WHERE id = @d " +
                "ON CONFLICT (device_id) DO UPDATE SET installed = excluded.installed, updated_at = excluded.updated_at",
                new { d = device, v = installed, t = _s.Context.NowMs });
        }

        /// <summary>Controllers that reported a version, whose version is now behind, get a new bundle.</summary>
        private void PushChanges()
        {
            _s.Context.Observe();
            foreach (var row in _s.Context.Db.Query("SELECT s.device_id, s.installed FROM controller_sync s JOIN devices d ON d.id = s.device_id " +
                "WHERE d.revoked = 0 AND s.installed < d.cache_version + 1"))
            {
                PublishIfBehind(row.Str("device_id"), row.Long("installed"));
            }
        }

        /// <summary>The controller says how much flash its board has; it knows better than its registration.</summary>
        private void RecordFlash(string device, int flashMegabytes)
        {
            if (_s.Context.Db.Execute("UPDATE devices SET flash_mb = @f WHERE id = @d AND flash_mb <> @f", new { d = device, f = flashMegabytes }) > 0)
            {
                _refused.TryRemove(device, out _);
            }
        }

        private void PublishIfBehind(string device, long have)
        {
            var row = _s.Context.Db.QuerySingle("SELECT device_key, cache_version, revoked, flash_mb FROM devices WHERE id = @d", new { d = device });
            if (row == null || row.Bool("revoked")) return;
            long version = row.Long("cache_version") + 1;
            if (have >= version) return;
            _s.Context.Observe(); // a change made through another instance is in the bundle
            if (_refused.TryGetValue(device, out long refused) && refused == version) return; // refused already: wait for a change
            if (!_s.Context.DeviceKeys.TryOpen(device, row.Str("device_key"), out byte[] key))
            {
                Console.Error.WriteLine("bundle for " + device + " not sent: its device key cannot be opened with this server's master key");
                return;
            }
            if (Publish(device, key, (uint)version, (uint)Math.Max(0, have), (int)row.Long("flash_mb")) == 0)
            {
                _refused[device] = version;
                return;
            }
            Record(device, version); // assume it lands; the controller's sync result or next request corrects it
        }

        /// <summary>
        /// Builds and sends one bundle (a delta when the controller holds our last one and the delta fits its staging
        /// room); returns the number of chunks, or 0 when the cache would not fit the controller's flash.
        /// </summary>
        public int Publish(string device, byte[] deviceKey, uint version, uint installed = 0, int flashMegabytes = BoardFlash.DefaultFlashMegabytes)
        {
            BoardFlash flash = JournalBudget.Plan(flashMegabytes) ?? JournalBudget.Plan(BoardFlash.DefaultFlashMegabytes);
            StoreImage held = installed != 0 && _sent.TryGetValue(device, out var last) && last.Version == installed ? last.Store : null;
            StoreImage current;
            try
            {
                current = _decider.WithSnapshot((snapshot, options) => ControllerBundleBuilder.Collect(snapshot, options, device, held));
            }
            catch (InvalidOperationException e)
            {
                Refuse(device, version, e.Message); // over a cap of the cache format (readers, policies, permissions per person...)
                return 0;
            }
            string tooLarge = CacheCapacity.Refusal(current, flash);
            if (tooLarge != null)
            {
                Refuse(device, version, tooLarge);
                return 0;
            }
            byte[] body = held == null ? null : ControllerBundleBuilder.BuildDelta(held, current, version, out _);
            bool delta = body != null && body.Length <= flash.MaxDeltaBytes;
            if (!delta)
            {
                body = ControllerBundleBuilder.BuildFull(current, deviceKey, _s.Context.Keys.CredentialKey, version);
            }
            var info = new BundleInfo
            {
                Kind = delta ? BundleKind.Delta : BundleKind.Full,
                ContentType = 1,
                Version = version,
                BaseVersion = delta ? installed : 0,
                IssuedAt = _s.Context.NowMs / 1000,
                MaxOfflineSeconds = _maxOfflineSeconds(),
            };
            byte[][] chunks = BundleChunk.Split(deviceKey, info, body);
            string topic = new LinkTopics(device).SyncChunk;
            foreach (byte[] chunk in chunks)
            {
                _transport.Publish(topic, chunk, 1, false);
            }
            _sent[device] = (version, current);
            _s.Context.Db.Execute("UPDATE devices SET sync_error = NULL WHERE id = @d AND sync_error IS NOT NULL", new { d = device });
            Interlocked.Increment(ref delta ? ref _deltasSent : ref _bundlesSent);
            return chunks.Length;
        }

        /// <summary>Records why a controller gets no new cache; raises an alert the first time it stops fitting.</summary>
        private void Refuse(string device, uint version, string reason)
        {
            string message = "bundle v" + version + " for controller " + device + " refused: " + reason;
            Console.Error.WriteLine(message);
            _s.Context.Db.InTransaction(tx =>
            {
                var row = tx.QuerySingle("SELECT sync_error FROM devices WHERE id = @d", new { d = device });
                tx.Execute("UPDATE devices SET sync_error = @e WHERE id = @d", new { d = device, e = message });
                if (row != null && row.Str("sync_error") == null)
                {
                    _s.Alerts.Raise(tx, "cache-capacity", "high", null, device, null, null, message);
                }
            });
        }

        public void Dispose()
        {
            _stop.Cancel();
            _thread?.Join(2000);
        }
    }
}

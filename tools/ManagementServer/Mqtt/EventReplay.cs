using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using DoorController.Contract;
using DoorController.Hal.Host.Mqtt;
using DoorController.Server.Decisions;
using DoorController.Server.Services;

namespace DoorController.Server.Mqtt
{
    /// <summary>
    /// Replayed journal events, the leader's work: verified and parsed on the network thread (<see cref="MqttBridge"/>),
    /// stored here in batches by one thread (idempotent on (controller, event id)), acknowledged cumulatively after the
    /// commit and named by the stored event's MAC, then re-judged by the retro review (offline grants, oldest first).
    /// </summary>
    internal sealed class EventReplay
    {
        private readonly ServerServices _s;
        private readonly EventIngest _ingest;
        private readonly RetroReview _retro;
        private readonly MosquittoTransport _transport;
        private readonly Func<bool> _isLeader;
        private readonly CancellationToken _stop;
        private readonly BlockingCollection<(string Device, ReplayedEvent Event)> _events = new BlockingCollection<(string, ReplayedEvent)>(200_000);

        public EventReplay(ServerServices services, EventIngest ingest, RetroReview retro, MosquittoTransport transport, Func<bool> isLeader, CancellationToken stop)
        {
            _s = services;
            _ingest = ingest;
            _retro = retro;
            _transport = transport;
            _isLeader = isLeader;
            _stop = stop;
        }

        /// <summary>A verified event, on the network thread.</summary>
        public void Enqueue(string device, ReplayedEvent e) => _events.TryAdd((device, e));

        public void StoreLoop()
        {
            var byDevice = new Dictionary<string, List<ReplayedEvent>>();
            foreach (var first in _events.GetConsumingEnumerable(_stop))
            {
                byDevice.Clear();
                Add(byDevice, first);
                while (_events.TryTake(out var more)) Add(byDevice, more);
                try
                {
                    _ingest.StoreAll(byDevice, acks =>
                    {
                        // Right after the shared commit; the decider's presence refresh follows.
                        foreach (var ack in acks)
                        {
                            if (ack.Value < 0) continue;
                            WireKeys keys = _s.Keyring.Find(ack.Key);
                            // Names the stored event by its MAC: the controller trims only what it sent.
                            var message = new EventAck { UpTo = ack.Value, EventMac = byDevice[ack.Key].Find(e => e.Sequence == ack.Value).Mac };
                            _transport.Publish(keys.Topics.EventsAck, keys.Seal(keys.Topics.EventsAck, message.ToJson()), 1, false);
                        }
                    });
                    _s.Health.Cleared(StorageHealth.AccessLog);
                }
                catch (Exception e)
                {
                    // Nothing acknowledged: the controllers resend the batch.
                    Console.Error.WriteLine("storing replayed events failed: " + e.Message);
                    _s.Health.Trouble(StorageHealth.AccessLog, e);
                }
                WakeReview();
            }
        }

        /// <summary>Wakes the retro thread; many wake-ups while it works collapse into one more pass.</summary>
        public void WakeReview()
        {
            _retroWanted.Release();
        }

        private readonly SemaphoreSlim _retroWanted = new SemaphoreSlim(0);
        private const int RetroCoalesceMilliseconds = 300;

        public void ReviewLoop()
        {
            while (!_stop.IsCancellationRequested)
            {
                try { _retroWanted.Wait(_stop); } catch (OperationCanceledException) { return; }
                // Let a replay burst accumulate: fewer, larger review passes compete less with storing.
                _stop.WaitHandle.WaitOne(RetroCoalesceMilliseconds);
                while (_retroWanted.CurrentCount > 0) _retroWanted.Wait(0);
                // The leader's work: it also ingests the events, so it is woken by each batch it stores.
                if (!_isLeader()) continue;
                try { _retro.RunPending(); }
                catch (Exception e) { Console.Error.WriteLine("retro review failed: " + e.Message); }
            }
        }

        private static void Add(Dictionary<string, List<ReplayedEvent>> byDevice, (string Device, ReplayedEvent Event) item)
        {
            if (!byDevice.TryGetValue(item.Device, out var list)) byDevice[item.Device] = list = new List<ReplayedEvent>();
            list.Add(item.Event);
        }
    }
}

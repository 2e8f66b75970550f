using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Text;
using System.Threading;
using DoorController.Hal;
using DoorController.Hal.Host.Mqtt;
using DoorController.Contract;
using DoorController.Server.Decisions;
using DoorController.Server.Services;

namespace DoorController.Server.Mqtt
{
    /// <summary>
    /// The server's side of the MQTT protocol (firmware/Link topics): decision requests → the decision core → the
    /// group-commit log writer → the answer; replayed events → idempotent storage → cumulative ack → retro review;
    /// clock requests → the server's time; the error reports of controllers; and every outgoing message (commands,
    /// notifications). Nothing a controller sends is acted on before its MAC and nonce pass the
    /// <see cref="UpstreamGate"/>; everything sent to a controller is sealed with its keys. The network thread only
    /// verifies and queues; workers do the rest.
    /// </summary>
    public sealed class MqttBridge : IMqttMessageListener, IMessagePublisher, IDisposable
    {
        /// <summary>The server's client id; its broker identity is bound to it, so no other identity can take it over.</summary>
        public const string ClientId = DoorController.LocalBroker.BrokerRoles.ServerUser;
        private static readonly LinkTopics AnyDevice = new LinkTopics("+");

        /// <summary>A controller whose certain clock claims a time further than this from the server's is alerted.</summary>
        public const long MaxClockClaimSkewMilliseconds = 60_000;
        private readonly ServerServices _s;
        private readonly MosquittoTransport _transport;
        private readonly OnlineDecider _decider;
        private readonly GroupCommitWriter _writer;
        private readonly EventIngest _ingest;
        private readonly RetroReview _retro;
        private readonly Sync.BundlePublisher _bundles;
        private readonly WireAudit _audit;
        private readonly UpstreamGate _gate;
        private readonly BlockingCollection<(string Device, string Topic, byte[] Payload)> _decisions = new BlockingCollection<(string, string, byte[])>(200_000);
        private readonly BlockingCollection<(string Device, ReplayedEvent Event)> _events = new BlockingCollection<(string, ReplayedEvent)>(200_000);
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();
        private readonly List<Thread> _threads = new List<Thread>();
        private long _onlineEventId;

        public MqttBridge(ServerServices services, BrokerEndpoint broker)
        {
            _s = services;
            _transport = new MosquittoTransport(broker);
            _decider = new OnlineDecider(services.Context);
            _writer = new GroupCommitWriter(services);
            _ingest = new EventIngest(services, _decider);
            _retro = new RetroReview(services, _decider);
            _bundles = new Sync.BundlePublisher(services, _decider, _transport, () => services.Settings.OfflineLifetimeSeconds);
            _audit = new WireAudit(services);
            _gate = new UpstreamGate(services, _audit);
            _ingest.BelowMark = (device, id) => _audit.Record(WireAudit.Replayed, device, "event " + id + " from " + device
                + " is below what it acknowledged and unknown: replayed after retention, or the controller's flash was wiped (register it again); not stored");
            // Online rows take negative event ids (journal ids are positive), continuing below the lowest used.
            _onlineEventId = Math.Min(0, services.Context.Db.QuerySingle("SELECT COALESCE(MIN(event_id), 0) AS m FROM access_log").Long("m"));
        }

        public OnlineDecider Decider => _decider;
        public GroupCommitWriter Writer => _writer;
        public EventIngest Ingest => _ingest;
        public RetroReview Retro => _retro;
        public Sync.BundlePublisher Bundles => _bundles;
        /// <summary>Refused messages by kind (forged, replayed, clock skew, controller refusals).</summary>
        public WireAudit Audit => _audit;
        public bool IsConnected => _transport.IsConnected;

        public void Start()
        {
            Spawn("mqtt-supervisor", Supervise);
            Spawn("mqtt-decisions", DecisionLoop);
            Spawn("mqtt-events", EventLoop);
            Spawn("retro-review", RetroLoop);
            _bundles.Start();
        }

        /// <summary>Waits until connected and subscribed (tests, startup logs).</summary>
        public bool WaitConnected(TimeSpan timeout)
        {
            var until = DateTime.UtcNow + timeout;
            while (DateTime.UtcNow < until && !_subscribed) Thread.Sleep(20);
            return _subscribed;
        }

        private volatile bool _subscribed;

        private void Supervise()
        {
            while (!_stop.IsCancellationRequested)
            {
                if (!_transport.IsConnected)
                {
                    _subscribed = false;
                    if (ConnectAndSubscribe())
                    {
                        _subscribed = true;
                        // Offline grants left unreviewed by a previous run (crash between store and review).
                        EnqueueRetro();
                        // Identities of controllers revoked while the broker was unreachable.
                        _s.Devices.RemoveRevokedBrokerIdentities();
                    }
                }
                _stop.Token.WaitHandle.WaitOne(_subscribed ? 200 : 1000);
            }
        }

        private bool ConnectAndSubscribe()
        {
            if (!_transport.Connect(ClientId, null, null, this))
            {
                LogOnce("cannot connect to the broker " + _transport.Endpoint + ": " + _transport.LastError);
                return false;
            }
            if (_transport.Subscribe(AnyDevice.DecisionRequest, 0) && _transport.Subscribe(AnyDevice.Events, 1)
                && _transport.Subscribe(AnyDevice.SyncRequest, 1) && _transport.Subscribe(AnyDevice.SyncResult, 1)
                && _transport.Subscribe(AnyDevice.ClockRequest, 0) && _transport.Subscribe(AnyDevice.Error, 0))
            {
                _lastProblem = null;
                return true;
            }
            LogOnce("broker " + _transport.Endpoint + ": " + _transport.LastError);
            _transport.Disconnect();
            return false;
        }

        private string _lastProblem;

        /// <summary>One line per distinct problem, not one per retry.</summary>
        private void LogOnce(string problem)
        {
            if (problem == _lastProblem) return;
            _lastProblem = problem;
            Console.Error.WriteLine("mqtt: " + problem);
        }

        /// <summary>On libmosquitto's network thread: only routes and queues, and never lets anything escape into it.</summary>
        public void OnMessage(string topic, byte[] payload)
        {
            try
            {
                Route(topic, payload ?? Array.Empty<byte>());
            }
            catch (Exception e)
            {
                Console.Error.WriteLine("message on " + Printable(topic) + " dropped: " + e.Message);
            }
        }

        private static string Printable(string topic)
        {
            if (topic == null) return "(no topic)";
            var sb = new StringBuilder();
            foreach (char c in topic.Length > 120 ? topic.Substring(0, 120) : topic) sb.Append(c < ' ' || c > '~' ? '?' : c);
            return sb.ToString();
        }

        private void Route(string topic, byte[] payload)
        {
            string device = DeviceOf(topic, out string rest);
            if (device == null) return;
            if (rest == "/decide/req")
            {
                // MAC, nonce and decision on the decision thread: the network thread stays free for answers.
                _decisions.TryAdd((device, topic, payload));
                return;
            }
            if (rest != "/events" && rest != "/sync/req" && rest != "/sync/result" && rest != "/clock/req" && rest != "/error") return;
            WireKeys keys = _gate.Verify(device, topic, payload);
            if (keys == null) return;
            if (rest == "/events")
            {
                // Verified and parsed here, on the network thread: the storing thread is the replay's bottleneck.
                // An event whose MAC fails never reaches storage, so a forgery cannot take a real event's id.
                if (ReplayedEvent.TryParse(payload, out ReplayedEvent e, out string error)) _events.TryAdd((device, e));
                else Console.Error.WriteLine("event from " + device + " refused: " + error);
            }
            else if (rest == "/sync/req")
            {
                if (SyncRequest.TryParse(payload, out SyncRequest request, out string error))
                {
                    if (_gate.Fresh(device, topic, request.Nonce, false)) _bundles.OnSyncRequest(device, request);
                }
                else Console.Error.WriteLine("sync request from " + device + " refused: " + error);
            }
            else if (rest == "/sync/result")
            {
                if (SyncResult.TryParse(payload, out SyncResult result, out _) && _gate.Fresh(device, topic, result.Nonce, false)) _bundles.OnSyncResult(device, result);
            }
            else if (rest == "/clock/req") AnswerClock(device, topic, keys, payload);
            else if (rest == "/error") NoteControllerRefusal(device, topic, payload);
        }

        /// <summary>The server's time for one controller, bound to the nonce it chose (docs/time.md).</summary>
        private void AnswerClock(string device, string topic, WireKeys keys, byte[] payload)
        {
            if (!ClockRequest.TryParse(payload, out ClockRequest request, out _) || !_gate.Fresh(device, topic, request.Nonce, false)) return;
            var clock = new ClockMessage { Nonce = request.Nonce, UtcMilliseconds = _s.Context.NowMs };
            _transport.Publish(keys.Topics.Clock, keys.Seal(keys.Topics.Clock, clock.ToJson()), 0, false);
        }

        /// <summary>A controller refused a message (forged, replayed, malformed): the operator hears of it.</summary>
        private void NoteControllerRefusal(string device, string topic, byte[] payload)
        {
            if (!ErrorMessage.TryParse(payload, out ErrorMessage report, out _) || !_gate.Fresh(device, topic, report.Nonce, false)) return;
            _audit.Record(WireAudit.ControllerRefusal, device, "controller " + device + " refused a message on " + report.Topic + ": " + report.Error);
        }

        public void OnConnectionLost()
        {
            _subscribed = false;
        }

        private static string DeviceOf(string topic, out string rest)
        {
            rest = null;
            string prefix = LinkTopics.Root + "/dev/";
            if (topic == null || !topic.StartsWith(prefix, StringComparison.Ordinal)) return null;
            int slash = topic.IndexOf('/', prefix.Length);
            if (slash < 0) return null;
            string device = topic.Substring(prefix.Length, slash - prefix.Length);
            rest = topic.Substring(slash);
            return LinkTopics.IsValidDeviceId(device) ? device : null;
        }

        private void DecisionLoop()
        {
            foreach (var (device, requestTopic, payload) in _decisions.GetConsumingEnumerable(_stop.Token))
            {
                // Forged or replayed: no decision, no row, no answer (the controller decides locally at its timeout).
                WireKeys keys = _gate.Verify(device, requestTopic, payload);
                if (keys == null) continue;
                if (!DecisionRequest.TryParse(payload, out DecisionRequest request, out string error))
                {
                    Console.Error.WriteLine("decision request from " + device + " refused: " + error);
                    continue;
                }
                if (!_gate.Fresh(device, requestTopic, request.Nonce, true)) continue;
                DecisionOutcome o;
                try
                {
                    o = _decider.Decide(device, request);
                    _s.Health.Cleared(StorageHealth.Decisions);
                }
                catch (Exception e)
                {
                    // A failing query or a row the snapshot cannot read: this request goes unanswered (the controller
                    // decides from its cache) and the thread lives on for the next one.
                    _s.Health.Trouble(StorageHealth.Decisions, e);
                    _s.Health.Unanswered();
                    continue;
                }
                CheckClockClaim(device, request, o.AtMs);
                long eventId = Interlocked.Decrement(ref _onlineEventId);
                var row = new AccessEvent(device, eventId, o.ReaderId, o.UserId, o.Method, o.Direction, o.Granted, o.Reason, "online", o.AtMs,
                    RequestId: request.RequestId);
                string topic = keys.Topics.DecisionResponse;
                var response = new DecisionResponse
                {
                    RequestId = request.RequestId,
                    Nonce = request.Nonce,
                    Granted = o.Granted,
                    Reason = o.Reason,
                    UnlockMilliseconds = o.UnlockMilliseconds,
                    Extended = o.Extended,
                };
                // Sealed here, not on the group-commit thread that releases the answers: that thread is the one queue
                // every decision passes.
                byte[] answer = keys.Seal(topic, response.ToJson());
                _writer.Enqueue(row, o, request.Nonce, committed =>
                {
                    if (!committed)
                    {
                        // Not logged, so not answered: the controller's timeout sends it to its own cache.
                        _s.Health.Unanswered();
                        return;
                    }
                    _transport.Publish(topic, answer, 0, false);
                });
            }
        }

        /// <summary>The server decides on its own clock; a controller sure of a different time is told to the operator.</summary>
        private void CheckClockClaim(string device, DecisionRequest request, long serverMs)
        {
            long skew = request.At * 1000 - serverMs;
            if (!request.ClockUncertain && (skew > MaxClockClaimSkewMilliseconds || skew < -MaxClockClaimSkewMilliseconds))
            {
                _audit.Record(WireAudit.ClockSkew, device, "controller " + device + " claims a time " + (skew / 1000) + " s from the server's");
            }
        }

        private void EventLoop()
        {
            var byDevice = new Dictionary<string, List<ReplayedEvent>>();
            foreach (var first in _events.GetConsumingEnumerable(_stop.Token))
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
                EnqueueRetro();
            }
        }

        /// <summary>Wakes the retro thread; many wake-ups while it works collapse into one more pass.</summary>
        private void EnqueueRetro()
        {
            _retroWanted.Release();
        }

        private readonly SemaphoreSlim _retroWanted = new SemaphoreSlim(0);
        private const int RetroCoalesceMilliseconds = 300;

        private void RetroLoop()
        {
            while (!_stop.IsCancellationRequested)
            {
                try { _retroWanted.Wait(_stop.Token); } catch (OperationCanceledException) { return; }
                // Let a replay burst accumulate: fewer, larger review passes compete less with storing.
                _stop.Token.WaitHandle.WaitOne(RetroCoalesceMilliseconds);
                while (_retroWanted.CurrentCount > 0) _retroWanted.Wait(0);
                try { _retro.RunPending(); }
                catch (Exception e) { Console.Error.WriteLine("retro review failed: " + e.Message); }
            }
        }

        private static void Add(Dictionary<string, List<ReplayedEvent>> byDevice, (string Device, ReplayedEvent Event) item)
        {
            if (!byDevice.TryGetValue(item.Device, out var list)) byDevice[item.Device] = list = new List<ReplayedEvent>();
            list.Add(item.Event);
        }

        public bool Publish(string topic, string payload)
        {
            return _transport.Publish(topic, Encoding.UTF8.GetBytes(payload), 1, false);
        }

        private void Spawn(string name, Action body)
        {
            var t = new Thread(() =>
            {
                try { body(); }
                catch (OperationCanceledException) { }
            }) { IsBackground = true, Name = name };
            _threads.Add(t);
            t.Start();
        }

        public void Dispose()
        {
            _stop.Cancel();
            _bundles.Dispose();
            foreach (var t in _threads) t.Join(3000);
            _writer.Dispose();
            _transport.Dispose();
        }
    }
}

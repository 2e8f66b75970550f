using System;
using System.Collections.Generic;
using System.Text;
using System.Threading;
using DoorController.Hal;
using DoorController.Hal.Host.Mqtt;
using DoorController.Contract;
using DoorController.Server.Decisions;
using DoorController.Server.Services;
using HomeAssistantLink = DoorController.Server.HomeAssistant.HomeAssistantLink;

namespace DoorController.Server.Mqtt
{
    /// <summary>
    /// The server's side of the MQTT protocol (firmware/Link topics): decision requests → the decision core → the
    /// group-commit log writer → the answer; replayed events → idempotent storage → cumulative ack → retro review
    /// (<see cref="EventReplay"/>); sync and clock requests, status, last will, command results and error reports →
    /// <see cref="UpstreamMessages"/> (their nonces claimed in the database first); and every outgoing message (commands,
    /// notifications). Nothing a controller sends is acted on before its MAC and nonce pass the
    /// <see cref="UpstreamGate"/>; everything sent to a controller is sealed with its keys. The network thread
    /// verifies every message and decides online requests (on SQLite; on PostgreSQL the writer decides them inside its
    /// transaction); the writer, the event and review threads do the rest.
    /// Several instances on one PostgreSQL database (docs/scaling.md): each takes decision, sync, clock and error
    /// messages through a shared subscription ($share/doorctl/...), so each reaches one of them; a decision request's
    /// nonce is checked again against the stored one inside the decision's transaction, so one replayed to another
    /// instance is refused there. Replayed events, whose acks are cumulative and need the controller's order, are
    /// subscribed by the leader only, which also reviews them and pushes bundles after changes.
    /// </summary>
    public sealed class MqttBridge : IMqttMessageListener, IMessagePublisher, IDisposable
    {
        /// <summary>The server's client id; its broker identity is bound to it, so no other identity can take it over.</summary>
        public const string ClientId = DoorController.LocalBroker.BrokerRoles.ServerUser;
        private static readonly LinkTopics AnyDevice = new LinkTopics("+");
        private const string DevicePrefix = LinkTopics.Root + "/dev/";
        private const string DecisionRequestSuffix = "/decide/req";
        private readonly string _clientId;
        private readonly bool _shared;
        private readonly Cluster.LeaderElection _leader;
        private readonly Cluster.OnlineEventIds _eventIds;

        /// <summary>A controller whose certain clock claims a time further than this from the server's is alerted.</summary>
        private readonly ServerServices _s;
        private readonly MosquittoTransport _transport;
        private readonly OnlineDecider _decider;
        private readonly GroupCommitWriter _writer;
        private readonly OnlineDecisions _online;
        private readonly EventIngest _ingest;
        private readonly RetroReview _retro;
        private readonly EventReplay _replay;
        private readonly Sync.BundlePublisher _bundles;
        private readonly WireAudit _audit;
        private readonly UpstreamGate _gate;
        private readonly UpstreamMessages _upstream;
        private readonly HomeAssistantLink _homeAssistant;
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();
        private readonly List<Thread> _threads = new List<Thread>();

        /// <param name="instance">This instance's name when several share the database (client id doorctl-server-NAME,
        /// shared subscriptions); null for the only one.</param>
        /// <param name="leader">Who does the singleton work; null: this instance always does.</param>
        /// <param name="homeAssistantPrefix">The Home Assistant discovery prefix when the server serves Home Assistant
        /// (HomeAssistant/HomeAssistantLink); null when it does not.</param>
        public MqttBridge(ServerServices services, BrokerEndpoint broker, string instance = null, Cluster.LeaderElection leader = null, string homeAssistantPrefix = null)
        {
            _s = services;
            _clientId = instance == null ? ClientId : ClientId + "-" + instance;
            _shared = instance != null;
            _leader = leader;
            _transport = new MosquittoTransport(broker);
            _decider = new OnlineDecider(services.Context);
            _eventIds = new Cluster.OnlineEventIds(services.Context.Db);
            services.Amnesty.Forgiven += _decider.Forget;
            _audit = new WireAudit(services);
            _gate = new UpstreamGate(services, _audit);
            var serialised = services.Context.Db.Dialect == Storage.SqlDialect.Postgres
                ? new Cluster.SerialisedDecisions(services.Context, _decider, _eventIds, (device, message) => _audit.Record(WireAudit.Replayed, device, message)) : null;
            _writer = serialised == null ? new GroupCommitWriter(services, null, _eventIds) : new GroupCommitWriter(services, serialised.Decide);
            _online = new OnlineDecisions(services, _gate, _decider, _eventIds, _writer, _audit, _transport);
            _ingest = new EventIngest(services, _decider);
            _retro = new RetroReview(services, _decider);
            _replay = new EventReplay(services, _ingest, _retro, _transport, () => IsLeader, _stop.Token);
            if (homeAssistantPrefix != null)
            {
                _homeAssistant = new HomeAssistantLink(services, homeAssistantPrefix,
                    (topic, payload) => _transport.Publish(topic, Encoding.UTF8.GetBytes(payload), 1, true), Publish, () => IsLeader);
            }
            _bundles = new Sync.BundlePublisher(services, _decider, _transport, () => services.Settings.OfflineLifetimeSeconds, () => IsLeader);
            _upstream = new UpstreamMessages(services, _gate, _audit, _bundles, (topic, sealedPayload) => _transport.Publish(topic, sealedPayload, 0, false));
            _ingest.BelowMark = (device, id) => _audit.Record(WireAudit.Replayed, device, "event " + id + " from " + device
                + " is below what it acknowledged and unknown: replayed after retention, or the controller's flash was wiped (register it again); not stored");
        }

        /// <summary>Whether this instance does the singleton work now.</summary>
        public bool IsLeader => _leader == null || _leader.IsLeader;

        public OnlineDecider Decider => _decider;
        public GroupCommitWriter Writer => _writer;
        /// <summary>Where online decisions spend their time (recorded only when switched on: tools/bench online).</summary>
        public DecisionStages Stages => _online.Stages;
        public EventIngest Ingest => _ingest;
        public RetroReview Retro => _retro;
        public Sync.BundlePublisher Bundles => _bundles;
        /// <summary>Sync, clock, error, status and command-result messages (their durable replay guard).</summary>
        public UpstreamMessages Upstream => _upstream;
        /// <summary>Refused messages by kind (forged, replayed, clock skew, controller refusals).</summary>
        public WireAudit Audit => _audit;
        public bool IsConnected => _transport.IsConnected;
        /// <summary>Null unless the server serves Home Assistant.</summary>
        public HomeAssistantLink HomeAssistant => _homeAssistant;

        public void Start()
        {
            Spawn("mqtt-supervisor", Supervise);
            Spawn("mqtt-events", _replay.StoreLoop);
            Spawn("retro-review", _replay.ReviewLoop);
            _upstream.Start();
            _bundles.Start();
            _s.Reports.Start();
            _homeAssistant?.Start();
        }

        /// <summary>Waits until connected and subscribed (tests, startup logs).</summary>
        public bool WaitConnected(TimeSpan timeout)
        {
            var until = DateTime.UtcNow + timeout;
            while (DateTime.UtcNow < until && !_subscribed) Thread.Sleep(20);
            return _subscribed;
        }

        private volatile bool _subscribed;
        /// <summary>Whether the replayed-events subscription (the leader's) is in place on this connection.</summary>
        private volatile bool _eventsSubscribed;
        private volatile bool _homeAssistantSubscribed;

        private void Supervise()
        {
            while (!_stop.IsCancellationRequested)
            {
                if (_eventsSubscribed && !IsLeader)
                {
                    // Stepped down: a new session without the events subscription (there is no unsubscribe here).
                    _transport.Disconnect();
                }
                if (!_transport.IsConnected)
                {
                    _subscribed = false;
                    _eventsSubscribed = false;
                    _homeAssistantSubscribed = false;
                    if (ConnectAndSubscribe())
                    {
                        _subscribed = true;
                        // Identities of controllers revoked while the broker was unreachable.
                        if (IsLeader) _s.Devices.RemoveRevokedBrokerIdentities();
                    }
                }
                // Apart from the protocol's subscriptions: a broker whose server role predates Home Assistant refuses
                // it until the Home Assistant identity is created (which adds the server's part), and the doors work on.
                if (_subscribed && _homeAssistant != null && !_homeAssistantSubscribed)
                {
                    _homeAssistantSubscribed = _transport.Subscribe(Filter(HomeAssistantLink.CommandFilter), 1);
                    if (!_homeAssistantSubscribed) LogOnce("Home Assistant commands not subscribed (create the Home Assistant identity: POST /api/home-assistant/identity): " + _transport.LastError);
                }
                if (_subscribed && !_eventsSubscribed && IsLeader)
                {
                    if (_transport.Subscribe(AnyDevice.Events, 1))
                    {
                        _eventsSubscribed = true;
                        // Offline grants left unreviewed by a previous run or a previous leader.
                        _replay.WakeReview();
                    }
                    else
                    {
                        LogOnce("broker " + _transport.Endpoint + ": " + _transport.LastError);
                    }
                }
                _stop.Token.WaitHandle.WaitOne(_subscribed ? 200 : 1000);
            }
        }

        /// <summary>Decision and sync requests, shared among the instances; the events subscription is the leader's
        /// (<see cref="Supervise"/>).</summary>
        private bool ConnectAndSubscribe()
        {
            if (!_transport.Connect(_clientId, null, null, this))
            {
                LogOnce("cannot connect to the broker " + _transport.Endpoint + ": " + _transport.LastError);
                return false;
            }
            // Requests are shared between instances (each to one of them); what controllers report about themselves
            // (Services/ControllerReports: the retained status and last will, command results) every instance stores,
            // as an idempotent upsert, because a shared subscription gets no retained message.
            if (_transport.Subscribe(Filter(AnyDevice.DecisionRequest), 0) && _transport.Subscribe(Filter(AnyDevice.SyncRequest), 1)
                && _transport.Subscribe(Filter(AnyDevice.SyncResult), 1) && _transport.Subscribe(Filter(AnyDevice.ClockRequest), 0)
                && _transport.Subscribe(Filter(AnyDevice.Error), 0)
                && _transport.Subscribe(AnyDevice.Status, 1) && _transport.Subscribe(AnyDevice.CommandResult, 1))
            {
                _homeAssistant?.Reconnected();
                _lastProblem = null;
                return true;
            }
            LogOnce("broker " + _transport.Endpoint + ": " + _transport.LastError);
            _transport.Disconnect();
            return false;
        }

        private string _lastProblem;

        private string Filter(string topic) => _shared ? DoorController.LocalBroker.BrokerRoles.Shared(topic) : topic;

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
            if (_homeAssistant != null && _homeAssistant.TryRoute(topic, payload)) return;
            string device = DeviceOf(topic, out int suffixAt);
            if (device == null) return;
            if (topic.Length - suffixAt == DecisionRequestSuffix.Length && string.CompareOrdinal(topic, suffixAt, DecisionRequestSuffix, 0, DecisionRequestSuffix.Length) == 0)
            {
                // MAC, nonce and (on SQLite) the decision here, on the network thread: a hand-off to another thread cost a
                // wake-up per decision, and on two shared cores its wait was a part of the slowest 1 % (docs/benchmarks.md).
                _online.Handle(device, topic, payload, System.Diagnostics.Stopwatch.GetTimestamp());
                return;
            }
            string rest = topic.Substring(suffixAt);
            if (rest != "/events" && !UpstreamMessages.Handles(rest)) return;
            // Replayed events are the leader's: after stepping down, until the new session, they are left to it.
            if (rest == "/events" && !_eventsSubscribed) return;
            WireKeys keys = _gate.Verify(device, topic, payload);
            if (keys == null) return;
            if (rest == "/events")
            {
                // Verified and parsed here, on the network thread: the storing thread is the replay's bottleneck.
                // An event whose MAC fails never reaches storage, so a forgery cannot take a real event's id.
                if (ReplayedEvent.TryParse(payload, out ReplayedEvent e, out string error)) _replay.Enqueue(device, e);
                else Console.Error.WriteLine("event from " + device + " refused: " + error);
            }
            else _upstream.Enqueue(device, rest, topic, keys, payload);
        }

        public void OnConnectionLost()
        {
            _subscribed = false;
            _eventsSubscribed = false;
            _homeAssistantSubscribed = false;
        }

        /// <summary>The controller id of a dc/v1/dev/&lt;id&gt;/... topic and where its suffix ("/decide/req") starts;
        /// null when the topic is not a controller's. Only the id is copied out: the decision path compares the suffix in place.</summary>
        private static string DeviceOf(string topic, out int suffixAt)
        {
            suffixAt = -1;
            if (topic == null || !topic.StartsWith(DevicePrefix, StringComparison.Ordinal)) return null;
            int slash = topic.IndexOf('/', DevicePrefix.Length);
            if (slash < 0) return null;
            string device = topic.Substring(DevicePrefix.Length, slash - DevicePrefix.Length);
            suffixAt = slash;
            return LinkTopics.IsValidDeviceId(device) ? device : null;
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
            _s.Amnesty.Forgiven -= _decider.Forget;
            _upstream.Dispose();
            _bundles.Dispose();
            _homeAssistant?.Dispose();
            foreach (var t in _threads) t.Join(3000);
            _writer.Dispose();
            _transport.Dispose();
        }
    }
}

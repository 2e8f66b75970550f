using System;
using DoorController.Hal;
using DoorController.Link.Bundles;
using DoorController.Link.Commands;
using DoorController.Contract;
using DoorController.Link.Time;

namespace DoorController.Link
{
    /// <summary>
    /// The controller's side of the MQTT protocol (docs/protocol.md) as a tick-driven state machine: connect with a
    /// last will, reconnect with exponential backoff and jitter, subscribe, publish status, request cache syncs and
    /// install bundles, replay the journal with flow control, run authenticated commands, take the time from the
    /// server's authenticated clock answers, and serve online decisions that fall back to the local decision after a
    /// timeout. Every message it sends is signed and every message it receives is verified before it is parsed
    /// (<see cref="LinkWire"/>, docs/protocol.md "Message authentication"). No threads: the main loop calls
    /// <see cref="Tick"/>; the transport's thread only fills the <see cref="LinkInbox"/>. Hostile input — forged,
    /// replayed or malformed — is refused, counted and reported on the error topic, never an exception.
    /// Connection, status and sync are here; what arrives (answers, bundles, commands, acks, the clock) is handled in
    /// LinkController.Inbound.cs.
    /// </summary>
    public sealed partial class LinkController
    {
        /// <summary>Shortest gap between two status messages sent because the door or lock changed.</summary>
        public const int MinDoorStatusGapMilliseconds = 250;

        private readonly LinkOptions _options;
        private readonly IMqttTransport _transport;
        private readonly IClock _clock;
        private readonly SiteClock _siteClock;
        private readonly IEventSource _events;
        private readonly ICommandHandler _commands;
        private readonly INotificationSink _notifications;
        private readonly BundleAssembler _bundles;
        private readonly CommandAuthenticator _authenticator;
        private readonly ExponentialBackoff _backoff;
        private readonly EventReplayer _replayer;
        private readonly DecisionBroker _decisions;
        private readonly LinkInbox _inbox;
        private readonly LinkTopics _topics;
        private readonly LinkWire _wire;
        private readonly ClockSync _clockSync;
        private readonly string _clientId;
        private readonly NotificationGate _notificationGate;
        private bool _online;
        private long _nextAttemptUptime;
        private long _lastStatusUptime;
        private bool _statusDirty;
        private bool _syncDue;
        private string _syncReason;
        private long _lastSyncUptime;
        private long _lastChunkUptime;
        private long _lastPublishedCacheVersion = -1;
        private string _lastPublishedDoor;
        private string _lastPublishedLock;
        private string _lastPublishedDoor2;
        private string _lastPublishedLock2;

        public LinkController(LinkOptions options, IMqttTransport transport, IClock clock, SiteClock siteClock, IFileStore store,
            byte[] deviceKey, ILocalDecider local, IEventSource events, ICacheStore cacheStore, ICommandHandler commands,
            INotificationSink notifications, Random random)
        {
            _options = options;
            _transport = transport;
            _clock = clock;
            _siteClock = siteClock;
            _events = events;
            _commands = commands;
            _notifications = notifications;
            _topics = new LinkTopics(options.DeviceId);
            _wire = new LinkWire(transport, new WireKeys(deviceKey, _topics), options.BootCounter);
            _clockSync = new ClockSync(siteClock);
            _notificationGate = new NotificationGate(siteClock);
            _bundles = new BundleAssembler(store, deviceKey, cacheStore);
            _authenticator = new CommandAuthenticator(store, deviceKey, options.DeviceId, siteClock);
            _backoff = new ExponentialBackoff(options.BackoffBaseMilliseconds, options.BackoffMaxMilliseconds, random);
            _replayer = new EventReplayer(events, options);
            _decisions = new DecisionBroker(local, siteClock, clock);
            _inbox = new LinkInbox(options.InboxCapacity);
            _clientId = LinkTopics.ClientIdOf(options.DeviceId);
        }

        public bool IsOnline
        {
            get { return _online; }
        }

        public LinkTopics Topics
        {
            get { return _topics; }
        }

        public BundleAssembler Bundles
        {
            get { return _bundles; }
        }

        public EventReplayer Replayer
        {
            get { return _replayer; }
        }

        public ExponentialBackoff Backoff
        {
            get { return _backoff; }
        }

        /// <summary>Refused inbound messages since boot (each also published on the error topic).</summary>
        public int ErrorCount { get; private set; }

        public string LastError { get; private set; }

        public int ConnectAttempts { get; private set; }

        /// <summary>Whether the installed cache may still grant offline (max offline lifetime, docs/protocol.md).</summary>
        public CacheValidity OfflineValidity
        {
            get { return OfflineLifetime.Of(_bundles.Installed, _siteClock); }
        }

        /// <summary>Boot: restore the installed cache, the command counter and the last-known time.</summary>
        public void Start()
        {
            _siteClock.Load();
            _bundles.Load();
            _authenticator.Load();
            _nextAttemptUptime = _clock.UptimeMilliseconds;
        }

        /// <summary>Asks for a decision; keep ticking until the ticket is done (at most the decision timeout).</summary>
        public DecisionTicket BeginDecision(DecisionQuery query)
        {
            return _decisions.Begin(query, _wire, _topics.DecisionRequest, _online && _transport.IsConnected, _options.DecisionTimeoutMilliseconds);
        }

        /// <summary>Requests a cache sync at the next opportunity.</summary>
        public void RequestSync(string reason)
        {
            _syncDue = true;
            _syncReason = reason;
        }

        public void Tick()
        {
            long now = _clock.UptimeMilliseconds;
            _siteClock.Tick();
            if (_online && (_inbox.TakeConnectionLost() || !_transport.IsConnected))
            {
                GoOffline(now);
            }
            if (!_online && now >= _nextAttemptUptime)
            {
                TryConnect(now);
            }
            InboundMessage message;
            int budget = 64;
            while (budget-- > 0 && (message = _inbox.Take()) != null)
            {
                Dispatch(message, now);
            }
            _decisions.Expire(!_online);
            if (!_online)
            {
                return;
            }
            _clockSync.Tick(_wire, _topics.ClockRequest, now);
            _replayer.Pump(_wire, _topics.Events, now);
            if (_bundles.Pending != null && now - _lastChunkUptime >= _options.BundleStallMilliseconds)
            {
                _bundles.Abort();
                Refused(_topics.SyncChunk, "bundle stalled: chunks missing");
                RequestSync("retry");
            }
            if (!_syncDue && now - _lastSyncUptime >= _options.SyncIntervalMilliseconds)
            {
                RequestSync("periodic");
            }
            else if (!_syncDue && now - _lastSyncUptime >= _options.SyncRetryMilliseconds && OfflineValidity == CacheValidity.Expired)
            {
                // Offline grants have stopped: ask for a newer bundle more often than hourly.
                RequestSync("expired");
            }
            if (_syncDue && _bundles.Pending == null && (_lastSyncUptime == 0 || _syncReason != "retry" || now - _lastSyncUptime >= _options.SyncRetryMilliseconds))
            {
                SyncRequest request = new SyncRequest();
                request.Nonce = _wire.NextNonce();
                request.Have = _bundles.InstalledVersion;
                request.Reason = _syncReason;
                request.FlashMegabytes = _options.FlashMegabytes;
                if (_wire.Publish(_topics.SyncRequest, request.ToJson(), 1, false))
                {
                    _syncDue = false;
                    _lastSyncUptime = now == 0 ? 1 : now;
                }
            }
            // A door change goes out at once, but a flapping contact cannot flood the broker.
            bool doorChanged = (_commands.DoorState != _lastPublishedDoor || _commands.LockState != _lastPublishedLock
                    || _commands.Door2State != _lastPublishedDoor2 || _commands.Lock2State != _lastPublishedLock2)
                && now - _lastStatusUptime >= MinDoorStatusGapMilliseconds;
            if (_statusDirty || doorChanged || _lastPublishedCacheVersion != _bundles.InstalledVersion || now - _lastStatusUptime >= _options.StatusIntervalMilliseconds)
            {
                PublishStatus(now);
            }
        }

        /// <summary>Clean shutdown (reboot command, tests): DISCONNECT so the broker does not publish the will.</summary>
        public void Stop()
        {
            _transport.Disconnect();
            _online = false;
            _decisions.Expire(true);
        }

        private void TryConnect(long now)
        {
            ConnectAttempts++;
            _inbox.Clear();
            byte[] will = _wire.Keys.Seal(_topics.Status, StatusMessage.Offline(_wire.NextNonce()));
            if (!_transport.Connect(_clientId, _topics.Status, will, _inbox))
            {
                _nextAttemptUptime = now + _backoff.NextDelayMilliseconds();
                return;
            }
            string[] topics = _topics.Subscriptions();
            for (int i = 0; i < topics.Length; i++)
            {
                _transport.Subscribe(topics[i], topics[i] == _topics.DecisionResponse ? 0 : 1);
            }
            _online = true;
            _backoff.Reset();
            _replayer.Rewind(now);
            _clockSync.Reset();
            _statusDirty = true;
            RequestSync("connect");
            _lastSyncUptime = 0;
        }

        private void GoOffline(long now)
        {
            _online = false;
            _transport.Disconnect();
            _bundles.Abort();
            _nextAttemptUptime = now + _backoff.NextDelayMilliseconds();
            _decisions.Expire(true);
        }

        private void PublishStatus(long now)
        {
            StatusMessage status = new StatusMessage();
            status.Nonce = _wire.NextNonce();
            status.Firmware = _options.FirmwareVersion;
            status.CacheVersion = _bundles.InstalledVersion;
            status.JournalDepth = _events.Depth;
            status.Mode = _commands.Mode;
            status.Door = _commands.DoorState;
            status.Lock = _commands.LockState;
            status.Door2 = _commands.Door2State;
            status.Lock2 = _commands.Lock2State;
            status.Mode2 = _commands.Mode2;
            status.DoorId = _commands.DoorId;
            status.Door2Id = _commands.Door2Id;
            status.TimeState = _siteClock.StateText;
            status.UptimeSeconds = now / 1000;
            status.At = _siteClock.UnixSeconds;
            status.ClockUncertain = !_siteClock.IsCertain;
            if (_wire.Publish(_topics.Status, status.ToJson(), 1, true))
            {
                _statusDirty = false;
                _lastStatusUptime = now;
                _lastPublishedCacheVersion = status.CacheVersion;
                _lastPublishedDoor = status.Door;
                _lastPublishedLock = status.Lock;
                _lastPublishedDoor2 = status.Door2;
                _lastPublishedLock2 = status.Lock2;
            }
        }
    }
}

using System;
using DoorController.Config;
using DoorController.Core;
using DoorController.Door;
using DoorController.Hal;
using DoorController.Journal;
using DoorController.Link;
using DoorController.Link.Time;
using DoorController.Readers;
using DoorController.Contract;

namespace DoorController.Controller
{
    /// <summary>
    /// The controller, written once for the ESP32 and the host: <see cref="Boot"/> brings the parts up in order —
    /// relay safe, configuration, flash and journal, cache, console, network, time, link, readers — recording each
    /// outcome in <see cref="Report"/>; a part that fails is degraded and the rest keeps working. <see cref="Tick"/>
    /// is one pass of the main loop (call every 10-20 ms).
    /// </summary>
    public sealed partial class ControllerApp
    {
        private const int NetworkTimeoutMilliseconds = 15000;

        private readonly ControllerPlatform _platform;
        private readonly BootReport _report = new BootReport();
        private readonly CredentialQueue _reads = new CredentialQueue();
        private ControllerConfig _config;
        private byte[] _deviceKey;
        private DoorParts _door;
        private DoorParts _door2; // null: one door (door2.id 0)
        private EventJournal _journal;
        private OfflineCache _cache;
        /// <summary>How this board spends its flash (journal, largest cache), planned once at boot for the board setting
        /// (saved changes apply after a reboot); the 4 MB plan if the setting names none. Dropped once the parts it
        /// sizes are started: they keep the figures they need (heap).</summary>
        private BoardFlash _flash;
        private OfflineDecider _decider;
        private readonly LinkCacheValidity _cacheValidity = new LinkCacheValidity();
        private SiteClock _siteClock;
        private LinkController _link;
        private ControllerCommandHandler _commands;
        private DoorNotifications _notifications;
        private CredentialNormaliser _normaliser;
        private ICredentialReader[] _readers = new ICredentialReader[0];
        private AccessFlow _flow;
        private ControllerConsole _console;
        private int _cacheLoadsSeen;
        private readonly RecentLog _log = new RecentLog();
        private readonly ClockSetEvent _clockSet = new ClockSetEvent();
        private readonly CacheAppliedEvent _cacheApplied = new CacheAppliedEvent();
        private int _resetReason;
        private bool _clockWasCertain;
        private long _lastUncertainUtcMs;
        private string _lastOutcomeLogged;

        public ControllerApp(ControllerPlatform platform)
        {
            _platform = platform;
        }

        public BootReport Report { get { return _report; } }
        public ControllerConfig Config { get { return _config; } }
        public DoorStateMachine Door { get { return _door == null ? null : _door.Machine; } }
        public DoorStateMachine Door2 { get { return _door2 == null ? null : _door2.Machine; } }
        public EventJournal Journal { get { return _journal; } }
        public OfflineCache Cache { get { return _cache; } }
        public LinkController Link { get { return _link; } }
        public SiteClock SiteClock { get { return _siteClock; } }
        public CredentialNormaliser Normaliser { get { return _normaliser; } }
        public AccessFlow Flow { get { return _flow; } }
        public RecentLog Log { get { return _log; } }
        public DoorNotifications Notifications { get { return _notifications; } }

        private delegate void BootStep();

        public void Boot()
        {
            // The configuration is read first only because it names the relay pin; nothing else runs before the
            // relay is driven to its safe state (on the board, a pull resistor holds it safe until then).
            ConfigStore store = new ConfigStore(_platform.Files);
            _config = store.Load();
            _flash = JournalBudget.Plan(_config.FlashMegabytes) ?? JournalBudget.Plan(BoardFlash.DefaultFlashMegabytes);
            _resetReason = RestartMarker.Take(_platform.Files);
            _report.Set("config", store.LastStatus == ConfigLoadStatus.Loaded ? PartState.Ok : PartState.Degraded,
                store.LastStatus == ConfigLoadStatus.Loaded ? "device " + _config.DeviceId : store.LastFault + "; defaults in use");
            // The per-device key authenticates bundles, commands and (through keys derived from it) every other
            // message; none provisioned = an empty key (everything it signs or verifies is refused).
            if (!Hex.TryDecode(_config.DeviceKeyHex, out _deviceKey)) _deviceKey = new byte[0];
            _door = DoorParts.Open(_platform, _config, _report);
            _door2 = DoorParts.OpenSecond(_platform, _config, _report, _door);
            _siteClock = new SiteClock(_platform.Clock, _platform.Files);
            Run("time", LoadLastKnownTime);
            Run("journal", OpenJournal);
            Run("cache", LoadCache);
            _console = new ControllerConsole(_platform, store, _config, this);
            Run("console", _console.Start);
            Run("network", JoinNetwork);
            Run("time", SetTime);
            Run("link", StartLink);
            _flash = null;
            Run("readers", StartReaders);
            _flow = new AccessFlow(_reads, _cache, _decider, _link, _door.Machine, _journal, _siteClock, DoorId);
            if (_door2 != null) _flow.AddSecondDoor(_door2.Machine, _config.Door2Id);
            AppendBootEvent();
            _log.Add("boot " + _journal.BootCounter + ": " + (_report.AllOk ? "all parts ok" : "degraded, see status"));
        }

        /// <summary>Runs one boot step; an exception marks that part failed and the boot goes on.</summary>
        private void Run(string part, BootStep step)
        {
            try
            {
                step();
            }
            catch (Exception e)
            {
                _report.Set(part, PartState.Failed, e.Message);
            }
        }

        /// <summary>One pass of the main loop. Never throws: a fault is counted and the door is made safe.</summary>
        public void Tick()
        {
            try
            {
                _siteClock.Tick();
                for (int i = 0; i < _readers.Length; i++)
                {
                    _readers[i].Poll();
                }
                _normaliser.Tick();
                _link.Tick();
                PickUpNewCache();
                _flow.Tick();
                NoteClockChanges();
                NoteDecision();
                if (_console != null && _console.TakeRelayTestRequest())
                {
                    _door.Machine.Grant(int.MaxValue, _door.UnlockMilliseconds, false);
                }
                _door.Tick(_journal);
                _door.Drain(_journal, DoorId, _flow, _door2, _config.Door2Id);
                if (_door2 != null)
                {
                    // Drained after each door's tick: the two share one event queue (DoorEventQueue.DefaultCapacity).
                    _door2.Tick(_journal);
                    _door.Drain(_journal, DoorId, _flow, _door2, _config.Door2Id);
                }
                if (_commands.RebootRequested && _platform.Device != null)
                {
                    _journal.Commit();
                    RestartMarker.Write(_platform.Files, ResetReasons.RemoteCommand);
                    _platform.Device.Reboot();
                }
            }
            catch (Exception)
            {
                LoopFaults++;
                try
                {
                    _door.Safe();
                    if (_door2 != null) _door2.Safe();
                }
                catch (Exception)
                {
                    // Nothing more can be done from here; the next tick drives the relay again.
                }
            }
        }

        public int LoopFaults { get; private set; }

        /// <summary>How long the relay test and grants without a time of their own release this door.</summary>
        public int DoorUnlockMilliseconds
        {
            get { return _door.UnlockMilliseconds; }
        }

        /// <summary>The enclosure tamper switch reports the lid open.</summary>
        public bool Tampered
        {
            get { return _door.Tampered; }
        }

        /// <summary>The door this controller drives, as the server numbers it.</summary>
        public int DoorId
        {
            get { return _config.DoorId; }
        }

        public void Stop()
        {
            if (_console != null) _console.Stop();
            for (int i = 0; i < _readers.Length; i++) _readers[i].Stop();
            if (_link != null) _link.Stop();
            if (_journal != null) _journal.Close();
            if (_door != null) _door.Safe();
            if (_door2 != null) _door2.Safe();
        }

        /// <summary>The server's door records (unlock time, contact) arrived with the cache.</summary>
        private void UseDoorRecords()
        {
            _door.UseDoorRecord(_cache.DoorRecord(DoorId), _report);
            if (_door2 != null) _door2.UseDoorRecord(_cache.DoorRecord(_config.Door2Id), _report);
        }

        /// <summary>QR and BLE tokens are verified with the site token key, which arrives with the cache.</summary>
        private void PickUpNewCache()
        {
            if (_cache.LoadCount != _cacheLoadsSeen)
            {
                ApplyTokenVerifiers();
                UseDoorRecords();
                _report.Set("cache", PartState.Ok, _cache.Detail);
                _cacheApplied.CacheVersion = _cache.Version;
                _cacheApplied.EntryCount = _cache.CredentialCount;
                _cacheApplied.Full = !_cache.LastApplyWasDelta;
                _journal.Append(EventType.CacheApplied, _cacheApplied, RecordFlags.None);
                _log.Add("cache version " + _cache.Version + " applied (" + (_cacheApplied.Full ? "full" : "delta") + ")");
            }
        }

        private void ApplyTokenVerifiers()
        {
            _cacheLoadsSeen = _cache.LoadCount;
            _normaliser.Qr = _cache.Qr;
            _normaliser.Ble = _cache.Ble;
        }

        /// <summary>Events recorded while the time was unknown carry clock-uncertain; the moment it is known is journalled.</summary>
        private void NoteClockChanges()
        {
            bool certain = _siteClock.IsCertain;
            if (certain == _clockWasCertain)
            {
                if (!certain)
                {
                    _lastUncertainUtcMs = _siteClock.UnixMilliseconds;
                }
                return;
            }
            _clockWasCertain = certain;
            _journal.ClockUncertain = !certain;
            if (certain)
            {
                _clockSet.PreviousUtcMilliseconds = _lastUncertainUtcMs;
                _clockSet.NewUtcMilliseconds = _siteClock.UnixMilliseconds;
                _clockSet.Source = ClockSetEvent.SourceServer;
                _journal.Append(EventType.ClockSet, _clockSet, RecordFlags.None);
                _log.Add("time set: " + _siteClock.StateText);
            }
        }

        private void NoteDecision()
        {
            string outcome = _flow.LastOutcome;
            if (outcome != null && !ReferenceEquals(outcome, _lastOutcomeLogged))
            {
                _lastOutcomeLogged = outcome;
                _log.Add(outcome);
            }
        }
    }
}

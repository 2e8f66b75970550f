using System;
using DoorController.Access;
using DoorController.Config;
using DoorController.Hal;
using DoorController.Journal;
using DoorController.Link;
using DoorController.Link.Time;
using DoorController.Readers;
using DoorController.Contract;

namespace DoorController.Controller
{
    /// <summary>The boot steps <see cref="Boot"/> runs in order, each under <see cref="Run"/> (a step that throws marks
    /// its part failed in the boot report and the boot goes on): journal, cache, network, time, link, readers, and the
    /// boot event that closes it.</summary>
    public sealed partial class ControllerApp
    {
        private void OpenJournal()
        {
            JournalOptions options = new JournalOptions();
            options.MaxSegments = _flash.JournalSegments;
            options.SegmentBytes = _flash.JournalSegmentBytes;
            // Stamped with the site clock, so events recorded after a reboot without network are not dated 1970.
            _journal = new EventJournal(_platform.Files, new SiteTimeClock(_siteClock, _platform.Clock), options);
            bool ok = _journal.Open();
            _report.Set("journal", ok ? PartState.Ok : PartState.Failed, ok
                ? _journal.Depth + " unacknowledged events, " + _journal.RecoveredRecords + " recovered; " + options.MaxSegments + " segments of "
                    + (options.SegmentBytes / 1024) + " KB (" + _flash.FlashMegabytes + " MB board)"
                : "flash volume unusable: events are not recorded");
        }

        private void LoadCache()
        {
            // Time zone, unlock times and policies come with the cache (SiteCache.Apply); until then nothing is granted offline.
            AccessOptions options = new AccessOptions();
            _cache = new OfflineCache(_platform.Files, _deviceKey, options, _platform.Clock);
            _cache.ShardBits = _flash.CacheShardBits; // installed in place, shard by shard: no second copy of the cache
            bool loaded = _cache.Load();
            if (loaded)
            {
                UseDoorRecords();
            }
            _decider = new OfflineDecider(_cache, _cacheValidity);
            _report.Set("cache", loaded ? PartState.Ok : PartState.Degraded, loaded ? _cache.Detail : _cache.Detail + "; offline decisions deny");
        }

        private void JoinNetwork()
        {
            if (_platform.Network == null)
            {
                _report.Set("network", PartState.Degraded, "no network on this platform: offline only");
                return;
            }
            bool up = _platform.Network.IsUp || _platform.Network.Connect(_config.WifiSsid, _config.WifiPsk, NetworkTimeoutMilliseconds);
            _report.Set("network", up ? PartState.Ok : PartState.Degraded, up ? "up" : "not joined (ssid '" + _config.WifiSsid + "'); deciding offline");
        }

        private void LoadLastKnownTime()
        {
            if (_config.HasHardwareClock)
            {
                _siteClock.AttachHardwareClock(new Ds3231Clock(_platform.Board.OpenI2c(_config.RtcSdaPin, _config.RtcSclPin, Ds3231Clock.Address)));
            }
            _siteClock.Load();
            _clockWasCertain = _siteClock.IsCertain;
        }

        private void SetTime()
        {
            // The server's authenticated clock answers (link) make it certain from here on; see docs/time.md.
            _journal.ClockUncertain = !_siteClock.IsCertain;
            _report.Set("time", _siteClock.IsCertain ? PartState.Ok : PartState.Degraded, _siteClock.StateText
                + (_config.HasHardwareClock ? ", ds3231 " + _siteClock.RtcState : ""));
        }

        private void StartLink()
        {
            LinkOptions options = new LinkOptions();
            options.DeviceId = _config.DeviceId;
            options.FirmwareVersion = _platform.FirmwareVersion;
            options.BootCounter = _journal.BootCounter;
            options.DecisionTimeoutMilliseconds = _config.OnlineDecisionTimeoutMilliseconds;
            options.FlashMegabytes = _flash.FlashMegabytes;
            _commands = new ControllerCommandHandler(_door.Machine, DoorId);
            if (_door2 != null) _commands.AddSecondDoor(_door2.Machine, _config.Door2Id);
            _notifications = new DoorNotifications(_door.Machine);
            IMqttTransport transport = null;
            string refused = _config.MqttHost.Length == 0 ? null : ConfigValidator.MqttConnectProblem(_config);
            if (refused != null)
            {
                // Never a silent fallback to plaintext: the controller decides offline until it is provisioned.
                _report.Set("link", PartState.Failed, refused);
            }
            else
            {
                try
                {
                    transport = _platform.Board.OpenMqtt(_config);
                }
                catch (Exception e)
                {
                    _report.Set("link", PartState.Failed, "MQTT client: " + e.Message);
                }
            }
            _link = new LinkController(options, transport == null ? (IMqttTransport)new NoTransport() : transport, _platform.Clock,
                _siteClock, _platform.Files, _deviceKey, _decider, new JournalEventSource(_journal), _cache, _commands,
                _notifications, new Random(_platform.RandomSeed));
            _link.Bundles.MaxBodyBytes = _flash.MaxBodyBytes; // the largest bundle and delta this board's plan installs
            _link.Bundles.MaxDeltaBytes = _flash.MaxDeltaBytes;
            _cacheValidity.Attach(_link);
            _link.Start();
            if (transport != null)
            {
                _report.Set("link", _deviceKey.Length == 0 ? PartState.Degraded : PartState.Ok,
                    (_deviceKey.Length == 0 ? "no device key: bundles and commands refused; " : "") + _config.MqttHost + ":" + _config.MqttPort);
            }
            else if (_report.StateOf("link") == PartState.NotStarted)
            {
                _report.Set("link", PartState.Degraded, "no MQTT broker configured on this platform: deciding offline only");
            }
        }

        private void StartReaders()
        {
            _normaliser = new CredentialNormaliser(_platform.Clock, _reads, new DirectionMap());
            ApplyTokenVerifiers();
            try
            {
                _readers = _platform.Board.OpenReaders(_config);
            }
            catch (Exception e)
            {
                _readers = new ICredentialReader[0];
                _report.Set("readers", PartState.Failed, e.Message);
                return;
            }
            int started = 0;
            for (int i = 0; i < _readers.Length; i++)
            {
                try
                {
                    if (_readers[i].Start(_normaliser)) started++;
                }
                catch (Exception)
                {
                    // A dead reader is reported; the others and the rest of the controller keep working.
                }
            }
            _report.Set("readers", started == _readers.Length && started > 0 ? PartState.Ok : PartState.Degraded,
                started + " of " + _readers.Length + " readers started");
        }

        private void AppendBootEvent()
        {
            BootEvent boot = new BootEvent();
            boot.FirmwareVersion = _platform.FirmwareVersion;
            boot.ResetReason = _resetReason;
            boot.BootCounter = _journal.BootCounter;
            boot.RecoveredRecords = _journal.RecoveredRecords;
            boot.TruncatedBytes = _journal.TruncatedBytes;
            _journal.Append(EventType.Boot, boot, _siteClock.IsCertain ? RecordFlags.None : RecordFlags.ClockUncertain);
        }
    }
}

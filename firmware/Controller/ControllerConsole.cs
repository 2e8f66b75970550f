using System.Threading;
using DoorController.Config;
using DoorController.Contract;
using DoorController.Door;
using DoorController.Provisioning;

namespace DoorController.Controller
{
    /// <summary>
    /// The technician console of a running controller: the console session on its own thread (serial reads block),
    /// answering status, statistics and tests from the live parts. Anything that touches the door is handed to the
    /// main loop (<see cref="TakeRelayTestRequest"/>) rather than done from the console thread. Configuration
    /// changes are saved at once and take effect at the next boot, as the console says.
    /// </summary>
    public sealed class ControllerConsole : IConsoleStatusSource, IConsoleStatisticsSource, IConsoleHardwareTest, IConsoleDeviceControl
    {
        private readonly ControllerPlatform _platform;
        private readonly ConfigStore _store;
        private readonly ControllerConfig _config;
        private readonly ControllerApp _app;
        private ConsolePump _pump;
        private Thread _thread;
        private int _relayTestRequested;

        public ControllerConsole(ControllerPlatform platform, ConfigStore store, ControllerConfig config, ControllerApp app)
        {
            _platform = platform;
            _store = store;
            _config = config;
            _app = app;
        }

        public void Start()
        {
            if (_platform.ConsoleLine == null)
            {
                _app.Report.Set("console", PartState.Degraded, "no console line on this platform");
                return;
            }
            ConsoleServices services = new ConsoleServices();
            services.Status = this;
            services.Statistics = this;
            services.Hardware = this;
            services.Device = this;
            services.Log = _app.Log;
            if (_app.Journal != null)
            {
                services.Audit = new ConsoleAudit(_app.Journal, _app.Log);
            }
            services.FirmwareVersion = _platform.FirmwareVersion;
            string fault = _store.LastStatus == ConfigLoadStatus.Loaded ? null : _store.LastFault;
            ConsoleSession session = new ConsoleSession(_platform.ConsoleLine, new ConsoleConfigEditor(_store, _config), services, _platform.Clock, fault,
                new ConsoleLockoutRecord(_platform.Files));
            _pump = new ConsolePump(_platform.ConsoleLine, session);
            _thread = new Thread(_pump.Run);
            _thread.Start();
            _app.Report.Set("console", PartState.Ok, "serving");
        }

        public void Stop()
        {
            if (_pump != null)
            {
                _pump.Stop();
            }
        }

        /// <summary>Main loop: whether a technician asked for a relay pulse since the last call.</summary>
        public bool TakeRelayTestRequest()
        {
            return Interlocked.Exchange(ref _relayTestRequested, 0) != 0;
        }

        public string DescribeStatus()
        {
            DoorStateMachine door = _app.Door;
            string parts = _app.Report.Describe();
            if (door == null)
            {
                return parts;
            }
            string text = parts + "\ndoor      " + DoorLine(door);
            DoorStateMachine second = _app.Door2;
            return second == null ? text : text + "\ndoor2     " + DoorLine(second) + ", interlock " + (second.Interlock != null ? "on" : "off");
        }

        private static string DoorLine(DoorStateMachine door)
        {
            return DoorEventText.Of(door.Mode) + ", " + (door.RelayUnlocked ? "unlocked" : "locked")
                + (door.InOfficeMode ? ", office mode for " + door.OfficeModeRemaining / 1000 + " s more" : ", office mode off");
        }

        public string CacheStatistics()
        {
            OfflineCache cache = _app.Cache;
            return cache == null ? "cache: not loaded" : "cache: " + cache.Detail;
        }

        public string JournalStatistics()
        {
            if (_app.Journal == null)
            {
                return "journal: not open";
            }
            return "journal: depth " + _app.Journal.Depth + ", last id " + _app.Journal.LastId + ", acked " + _app.Journal.AckedId
                + ", dropped " + _app.Journal.DroppedCount + ", " + _app.Journal.UsedBytes + " of " + _app.Journal.CapacityBytes + " bytes";
        }

        public string LinkStatistics()
        {
            if (_app.Link == null)
            {
                return "link: not started";
            }
            return "link: " + (_app.Link.IsOnline ? "online" : "offline") + ", connect attempts " + _app.Link.ConnectAttempts
                + ", errors " + _app.Link.ErrorCount + (_app.Link.LastError == null ? "" : " (last: " + _app.Link.LastError + ")");
        }

        public bool TestRelay(out string result)
        {
            Interlocked.Exchange(ref _relayTestRequested, 1);
            result = "relay pulse queued (" + _app.DoorUnlockMilliseconds + " ms on GPIO " + _config.RelayPin + ")";
            return true;
        }

        public bool TestReader(out string result)
        {
            result = "readers: " + _app.Report.DetailOf("readers") + "; last read: "
                + (_app.Flow == null || _app.Flow.LastOutcome == null ? "none" : _app.Flow.LastOutcome);
            return true;
        }

        public bool CanReboot
        {
            get { return _platform.Device != null; }
        }

        public bool Reboot()
        {
            if (_platform.Device == null)
            {
                return false;
            }
            RestartMarker.Write(_platform.Files, ResetReasons.Console);
            _platform.Device.Reboot();
            return true;
        }

        public bool EraseData(out string error)
        {
            error = null;
            try
            {
                string[] names = _platform.Files.List("");
                for (int i = 0; i < names.Length; i++)
                {
                    _platform.Files.Delete(names[i]);
                }
                return true;
            }
            catch (System.Exception e)
            {
                error = e.Message;
                return false;
            }
        }
    }
}

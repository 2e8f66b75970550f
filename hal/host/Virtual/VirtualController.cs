using System;
using System.IO;
using System.Threading;
using DoorController.Access;
using DoorController.Config;
using DoorController.Controller;
using DoorController.Door;
using DoorController.Hal.Host.Sim;

namespace DoorController.Hal.Host.Virtual
{
    /// <summary>
    /// One controller running the real firmware (<see cref="ControllerApp"/>) on the host: its own flash directory,
    /// configuration, simulated door and readers, libmosquitto for MQTT, and a main-loop thread ticking every 10 ms.
    /// The stand-in for the nanoFramework emulator: scripts and tests present cards, press the exit button and open
    /// the door exactly as a person at a real reader would.
    /// </summary>
    public sealed class VirtualController : IDeviceControl, IDisposable
    {
        private const int TickMilliseconds = 10;

        private readonly object _gate = new();
        private readonly string _flashDirectory;
        private readonly string _tlsDirectory = Path.Combine(Path.GetTempPath(), "doorctl-vdev-tls-" + Guid.NewGuid().ToString("N").Substring(0, 12));
        private Thread _loop;
        private volatile bool _stop;
        private volatile bool _rebootRequested;
        private ControllerConfig _config;
        private DoorSettings _settings;

        public VirtualController(string name, string flashDirectory)
        {
            Name = name;
            _flashDirectory = flashDirectory;
            Directory.CreateDirectory(flashDirectory);
            Files = new DirectoryFileStore(flashDirectory);
            Network = new HostNetwork();
        }

        public string Name { get; }
        public DirectoryFileStore Files { get; }
        public HostNetwork Network { get; }
        public HostBoard Board { get; private set; }
        public ControllerApp App { get; private set; }
        /// <summary>A DS3231 on the board (with `rtc.sda`/`rtc.scl` configured); battery-backed: the same chip after every reboot.</summary>
        public SimDs3231 Rtc { get; set; }
        public int Boots { get; private set; }

        /// <summary>Writes the configuration a technician would have provisioned over the console.</summary>
        public void Provision(ControllerConfig config)
        {
            var store = new ConfigStore(Files);
            if (!store.TrySave(config, out string error))
            {
                throw new InvalidOperationException(Name + ": configuration refused: " + error);
            }
        }

        public void Start()
        {
            lock (_gate)
            {
                BootFirmware();
            }
            _stop = false;
            _loop = new Thread(Loop) { IsBackground = true, Name = "vdev-" + Name };
            _loop.Start();
        }

        private void BootFirmware()
        {
            _config = new ConfigStore(Files).Load();
            _settings = DoorParts.SettingsFrom(_config);
            var clock = new HostConsoleClock();
            Board = new HostBoard(IdleLevel, clock, _tlsDirectory) { Rtc = Rtc };
            var platform = new ControllerPlatform
            {
                Clock = clock,
                Files = Files,
                Board = Board,
                Network = Network,
                Device = this,
                RandomSeed = Name.GetHashCode(),
                FirmwareVersion = "1.0.0-host",
            };
            App = new ControllerApp(platform);
            App.Boot();
            FollowRelayWithLockMonitor();
            Boots++;
        }

        /// <summary>What each input reads while nobody touches the door: closed, button released, lid on, lock locked.</summary>
        private bool IdleLevel(int pin)
        {
            if (pin == _config.DoorContactPin || pin == _config.Door2ContactPin) return !_settings.ContactOpenLevel;
            if (pin == _config.RexPin || pin == _config.Door2RexPin) return !_settings.RexPressedLevel;
            if (pin == _config.TamperPin) return false;
            if (pin == _config.LockMonitorPin) return _settings.LockMonitorLockedLevel;
            return true;
        }

        /// <summary>The simulated lock obeys its relay: the monitor reports locked exactly when the relay says locked.</summary>
        private void FollowRelayWithLockMonitor()
        {
            SimInputPin monitor = Board.Input(_config.LockMonitorPin);
            SimOutputPin relay = Board.Output(_config.RelayPin);
            if (monitor == null || relay == null) return;
            var settings = _settings;
            relay.Changed += pin => monitor.Set(pin.Level == settings.RelayLevelFor(false) ? settings.LockMonitorLockedLevel : !settings.LockMonitorLockedLevel);
        }

        private void Loop()
        {
            while (!_stop)
            {
                lock (_gate)
                {
                    if (_rebootRequested)
                    {
                        _rebootRequested = false;
                        App.Stop();
                        Board.Mqtt?.Dispose();
                        BootFirmware();
                    }
                    App.Tick();
                }
                Thread.Sleep(TickMilliseconds);
            }
        }

        /// <summary>Runs <paramref name="action"/> between two ticks of the main loop (the firmware is single-threaded).</summary>
        public T Inspect<T>(Func<ControllerApp, T> action)
        {
            lock (_gate)
            {
                return action(App);
            }
        }

        public void Reboot() => _rebootRequested = true;

        // What a person does at the door.
        public void PresentCard(string uidHex) => Board.Nfc.PresentCard(Convert.FromHexString(uidHex));
        public void PresentWiegandCard(int facility, int card) => Board.Wiegand.SendCard26(facility, card);
        public void ScanQr(string text) => Board.Qr.Scan(text);
        public void TypePin(string keys) => Board.Wiegand.SendKeys(keys);
        public void Advertise(ushort companyId, byte[] data, int rssiDbm) => Board.Ble.Advertise(companyId, data, rssiDbm);

        /// <summary>A face terminal next to the door reports a recognised person (patent: external authentication).</summary>
        public void FaceRecognised(string faceReferenceHex, Direction side) =>
            Inspect(app => { app.Normaliser.OnExternal(_config.NfcReaderId, Convert.FromHexString(faceReferenceHex), side); return 0; });

        public void OpenEnclosure() => Board.Input(_config.TamperPin)?.Set(true);
        public void CloseEnclosure() => Board.Input(_config.TamperPin)?.Set(false);
        public void OpenDoor() => OpenDoor(1);
        public void CloseDoor() => CloseDoor(1);
        public void PressExit() => PressExit(1);
        public void ReleaseExit() => ReleaseExit(1);

        // The same at door 1 or 2 of a controller with a second door (door2.*).
        public void OpenDoor(int door) => Board.Input(ContactPin(door))?.Set(_settings.ContactOpenLevel);
        public void CloseDoor(int door) => Board.Input(ContactPin(door))?.Set(!_settings.ContactOpenLevel);
        public void PressExit(int door) => Board.Input(door == 2 ? _config.Door2RexPin : _config.RexPin)?.Set(_settings.RexPressedLevel);
        public void ReleaseExit(int door) => Board.Input(door == 2 ? _config.Door2RexPin : _config.RexPin)?.Set(!_settings.RexPressedLevel);
        private int ContactPin(int door) => door == 2 ? _config.Door2ContactPin : _config.DoorContactPin;

        public bool LockIsUnlocked => IsUnlocked(1);

        /// <summary>Whether door 1's or door 2's relay is at its released level.</summary>
        public bool IsUnlocked(int door)
        {
            var relay = Board.Output(door == 2 ? _config.Door2RelayPin : _config.RelayPin);
            return relay != null && relay.Level == _settings.RelayLevelFor(true);
        }

        /// <summary>One line: door, link, cache, journal, last decision.</summary>
        public string Describe() => Inspect(app =>
            Name + ": door " + (LockIsUnlocked ? "UNLOCKED" : "locked") + (app.Door.Mode == DoorMode.Normal ? "" : " (" + (app.Door.Mode == DoorMode.Lockdown ? "lockdown" : "released") + ")")
            + (app.Door2 == null ? "" : ", door2 " + (IsUnlocked(2) ? "UNLOCKED" : "locked") + (app.Door2.Interlock != null ? " (interlocked)" : ""))
            + ", link " + (app.Link.IsOnline ? "online" : "offline") + ", cache v" + app.Cache.Version
            + ", journal depth " + app.Journal.Depth + ", last: " + (app.Flow.LastOutcome ?? "none"));

        public void Stop()
        {
            _stop = true;
            _loop?.Join(2000);
            lock (_gate)
            {
                App?.Stop();
                Board?.Mqtt?.Dispose();
            }
        }

        public void Dispose()
        {
            Stop();
            try { Directory.Delete(_tlsDirectory, true); } catch (IOException) { }
        }
    }
}

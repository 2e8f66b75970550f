using System;
using DoorController.Config;
using DoorController.Door;
using DoorController.Hal;
using DoorController.Journal;
using DoorController.Contract;

namespace DoorController.Controller
{
    /// <summary>
    /// The door's hardware and state machine as the controller uses them: opened from the configuration, locked
    /// at once, ticked by the main loop, and its alarms (forced, held open, relay fault) written to the journal.
    /// </summary>
    public sealed class DoorParts
    {
        private readonly DoorDriver _driver;
        private readonly DoorForcedEvent _forced = new DoorForcedEvent();
        private readonly DoorHeldOpenEvent _held = new DoorHeldOpenEvent();
        private readonly RelayFaultEvent _relayFault = new RelayFaultEvent();
        private long _heldSince;

        private DoorParts(DoorDriver driver)
        {
            _driver = driver;
        }

        public DoorStateMachine Machine
        {
            get { return _driver.Machine; }
        }

        public DoorDriver Driver
        {
            get { return _driver; }
        }

        /// <summary>Opens the pins and drives the relay to its safe state before anything else can run.</summary>
        public static DoorParts Open(ControllerPlatform platform, ControllerConfig config, BootReport report)
        {
            DoorSettings settings = SettingsFrom(config);
            DoorStateMachine machine = new DoorStateMachine(settings, platform.Clock);
            IBoard board = platform.Board;
            DoorDriver driver;
            try
            {
                IDigitalInput contact = board.OpenInput(config.DoorContactPin);
                driver = new DoorDriver(machine, settings, platform.Clock, board.OpenOutput(config.RelayPin),
                    contact == null ? new FixedInput(!settings.ContactOpenLevel) : contact, board.OpenInput(config.RexPin),
                    board.OpenOutput(config.LedPin), board.OpenOutput(config.BuzzerPin));
                driver.Boot();
            }
            catch (Exception e)
            {
                // The pins cannot be opened: the door stays as the hardware leaves it (relay not energised); the
                // rest of the controller still boots so the fault is reported and the journal and link work.
                driver = new DoorDriver(machine, settings, platform.Clock, new NoOutput(), new FixedInput(!settings.ContactOpenLevel), null, null, null);
                report.Set("relay", PartState.Failed, "GPIO " + config.RelayPin + " cannot be driven: " + e.Message);
                return new DoorParts(driver);
            }
            report.Set("relay", driver.RelayFaulted ? PartState.Failed : PartState.Ok,
                (settings.Polarity == LockPolarity.FailSafe ? "fail-safe" : "fail-secure") + " lock on GPIO " + config.RelayPin + ", locked");
            return new DoorParts(driver);
        }

        public static DoorSettings SettingsFrom(ControllerConfig config)
        {
            DoorSettings settings = new DoorSettings();
            settings.Polarity = config.Polarity == RelayPolarity.FailSafe ? LockPolarity.FailSafe : LockPolarity.FailSecure;
            settings.UnlockMilliseconds = config.UnlockMilliseconds;
            settings.HeldOpenMilliseconds = config.HeldOpenSeconds * 1000;
            return settings;
        }

        public void Safe()
        {
            _driver.Safe();
        }

        /// <summary>Runs the door one step and journals its alarms.</summary>
        public void Tick(EventJournal journal, int doorId)
        {
            _driver.Tick();
            DoorEvent e;
            while (_driver.Machine.Events.TryDequeue(out e))
            {
                Record(e, journal, doorId);
            }
        }

        private void Record(DoorEvent e, EventJournal journal, int doorId)
        {
            switch (e.Kind)
            {
                case DoorEventKind.Forced:
                    _forced.Door = doorId;
                    journal.Append(EventType.DoorForced, _forced, RecordFlags.None);
                    break;
                case DoorEventKind.HeldOpen:
                case DoorEventKind.HeldOpenCleared:
                    bool ended = e.Kind == DoorEventKind.HeldOpenCleared;
                    if (!ended)
                    {
                        _heldSince = e.UptimeMilliseconds;
                    }
                    _held.Door = doorId;
                    _held.Ended = ended;
                    _held.OpenMilliseconds = ended ? e.UptimeMilliseconds - _heldSince : 0;
                    journal.Append(EventType.DoorHeldOpen, _held, RecordFlags.None);
                    break;
                case DoorEventKind.RelayFault:
                case DoorEventKind.Fault:
                    _relayFault.Relay = doorId;
                    _relayFault.FaultCode = (int)e.Kind;
                    journal.Append(EventType.RelayFault, _relayFault, RecordFlags.None);
                    break;
            }
        }
    }
}

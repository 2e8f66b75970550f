using System;
using DoorController.Access;
using DoorController.Config;
using DoorController.Door;
using DoorController.Hal;
using DoorController.Journal;
using DoorController.Contract;

namespace DoorController.Controller
{
    /// <summary>
    /// The door's hardware and state machine as the controller uses them: opened from the configuration, locked
    /// at once, ticked by the main loop, and its alarms (forced, held open, relay fault, tamper) written to the
    /// journal. Every output is opened already at its idle level (relay locked, LED and buzzer off) for the module's
    /// active level, so an active-low relay module is never energised by the act of opening its pin.
    /// </summary>
    public sealed class DoorParts
    {
        private readonly DoorDriver _driver;
        private readonly DoorSettings _settings;
        private const int NotOpened = -2;

        private TamperWatch _tamper;
        // Scratch payloads, filled and journalled at once: the second door uses the first door's (heap, docs/hardware.md).
        private DoorForcedEvent _forced = new DoorForcedEvent();
        private DoorHeldOpenEvent _held = new DoorHeldOpenEvent();
        private RelayFaultEvent _relayFault = new RelayFaultEvent();
        private OfficeModeEvent _office = new OfficeModeEvent();
        private InterlockRefusedEvent _interlock = new InterlockRefusedEvent();
        private long _heldSince;
        private int _contactPin = -1;

        private DoorParts(DoorDriver driver, DoorSettings settings)
        {
            _driver = driver;
            _settings = settings;
        }

        public DoorStateMachine Machine
        {
            get { return _driver.Machine; }
        }

        public DoorDriver Driver
        {
            get { return _driver; }
        }

        /// <summary>Opens the first door's pins and drives its relay to its safe state before anything else can run.</summary>
        public static DoorParts Open(ControllerPlatform platform, ControllerConfig config, BootReport report)
        {
            DoorParts parts = OpenDoor(platform, SettingsFrom(config), null, report, "relay", config.RelayPin,
                config.DoorContactPin, config.RexPin, config.LedPin, config.BuzzerPin);
            if (parts._contactPin == NotOpened)
            {
                return parts;
            }
            IBoard board = platform.Board;
            parts._driver.LockMonitor = OptionalInput(board, config.LockMonitorPin);
            IDigitalInput tamper = OptionalInput(board, config.TamperPin);
            parts._tamper = tamper == null ? null : new TamperWatch(tamper, platform.Clock);
            return parts;
        }

        /// <summary>
        /// The second door (door2.*; null without one), opened right after the first, before the clock, journal,
        /// network or readers: its relay first, at the locked level. No LED, buzzer, lock monitor or tamper of its
        /// own. With door.interlock on, the two are paired so their locks are never released together.
        /// </summary>
        public static DoorParts OpenSecond(ControllerPlatform platform, ControllerConfig config, BootReport report, DoorParts first)
        {
            if (!config.HasSecondDoor)
            {
                return null;
            }
            // The same settings object as the first door (one configuration; the unlock time of a grant without one is
            // the first door's: decisions and the server's unlock commands carry the second door's own), the first
            // door's event queue (its events marked) and scratch payloads.
            DoorParts second = OpenDoor(platform, first._settings, first.Machine, report, "relay2", config.Door2RelayPin,
                config.Door2ContactPin, config.Door2RexPin, ConfigDefaults.PinNotUsed, ConfigDefaults.PinNotUsed);
            second._forced = first._forced;
            second._held = first._held;
            second._relayFault = first._relayFault;
            second._office = first._office;
            second._interlock = first._interlock;
            if (config.Interlock)
            {
                new DoorInterlock(first._driver, second._driver); // the pairing lives in the two doors it joins
                report.Set("interlock", PartState.Ok, "the two doors are never released together"); // a literal: no string built and kept
            }
            return second;
        }

        /// <param name="first">null when opening the first door; else the first door's machine, whose event queue the second shares</param>
        private static DoorParts OpenDoor(ControllerPlatform platform, DoorSettings settings, DoorStateMachine first, BootReport report, string part,
            int relayPin, int contactPin, int rexPin, int ledPin, int buzzerPin)
        {
            DoorStateMachine machine = first == null ? new DoorStateMachine(settings, platform.Clock) : new DoorStateMachine(settings, platform.Clock, first);
            IBoard board = platform.Board;
            DoorDriver driver;
            IDigitalInput contact;
            try
            {
                // The relay first, opened at the locked level: nothing else is touched before the lock is safe.
                IDigitalOutput relay = board.OpenOutput(relayPin, settings.RelayLevelFor(false));
                contact = board.OpenInput(contactPin);
                driver = new DoorDriver(machine, settings, platform.Clock, relay,
                    contact == null ? new FixedInput(!settings.ContactOpenLevel) : contact, board.OpenInput(rexPin),
                    board.OpenOutput(ledPin, !settings.LedActiveHigh), board.OpenOutput(buzzerPin, !settings.BuzzerActiveHigh));
                driver.Boot();
            }
            catch (Exception e)
            {
                // The pins cannot be opened: the door stays as the hardware leaves it (relay not energised); the
                // rest of the controller still boots so the fault is reported and the journal and link work.
                driver = new DoorDriver(machine, settings, platform.Clock, new NoOutput(), new FixedInput(!settings.ContactOpenLevel), null, null, null);
                report.Set(part, PartState.Failed, "GPIO " + relayPin + " cannot be driven: " + e.Message);
                DoorParts failed = new DoorParts(driver, settings);
                failed._contactPin = NotOpened;
                return failed;
            }
            report.Set(part, driver.RelayFaulted ? PartState.Failed : PartState.Ok,
                (settings.Polarity == LockPolarity.FailSafe ? "fail-safe" : "fail-secure") + " lock on GPIO " + relayPin
                + " (module active " + (settings.RelayActiveHigh ? "high" : "low") + "), locked");
            DoorParts parts = new DoorParts(driver, settings);
            parts._contactPin = contact == null ? -1 : contactPin;
            return parts;
        }

        /// <summary>The lock monitor and tamper inputs are extras: one that cannot be opened must not stop the door.</summary>
        private static IDigitalInput OptionalInput(IBoard board, int pin)
        {
            try
            {
                return board.OpenInput(pin);
            }
            catch (Exception)
            {
                return null;
            }
        }

        public static DoorSettings SettingsFrom(ControllerConfig config)
        {
            DoorSettings settings = new DoorSettings();
            settings.Polarity = config.Polarity == RelayPolarity.FailSafe ? LockPolarity.FailSafe : LockPolarity.FailSecure;
            settings.RelayActiveHigh = config.RelayActiveHigh;
            settings.LedActiveHigh = config.LedActiveHigh;
            settings.BuzzerActiveHigh = config.BuzzerActiveHigh;
            settings.HeldOpenMilliseconds = config.HeldOpenSeconds * 1000;
            return settings;
        }

        /// <summary>How long a grant without a time of its own (relay test, remote unlock without one) releases the lock.</summary>
        public int UnlockMilliseconds
        {
            get { return _settings.UnlockMilliseconds; }
        }

        /// <summary>
        /// The door's record arrived with the cache: its unlock time, set on the server, becomes this door's
        /// default (decisions carry the same time themselves; this covers grants without one). Whether the server
        /// says the door has a contact is shown as the "contact" part: with a contact, a person's passage counts only
        /// when the door opens, so a contact the server expects but this board does not read is a fault to fix.
        /// </summary>
        public void UseDoorRecord(DoorInfo door, BootReport report)
        {
            if (door == null)
            {
                return;
            }
            bool second = _driver.Machine.IsSecondDoor; // it shares the first door's settings
            string contactPart = second ? "contact2" : "contact";
            if (door.UnlockMilliseconds > 0 && !second)
            {
                _settings.UnlockMilliseconds = door.UnlockMilliseconds;
            }
            if (!door.HasDoorContact)
            {
                report.Set(contactPart, PartState.Ok, "door without contact (server): presence moves on the grant");
            }
            else if (_contactPin < 0)
            {
                report.Set(contactPart, PartState.Degraded, "the server says this door has a contact but none is read (door.contact.pin): "
                    + "every grant is reported unused and nobody's presence moves");
            }
            else
            {
                report.Set(contactPart, PartState.Ok, "door contact on GPIO " + _contactPin + ": presence moves when the door opens");
            }
        }

        /// <summary>Whether the enclosure tamper switch reports the lid open (false without a switch).</summary>
        public bool Tampered
        {
            get { return _tamper != null && _tamper.Active; }
        }

        public void Safe()
        {
            _driver.Safe();
        }

        /// <summary>Runs the door one step (its driver and tamper switch).</summary>
        public void Tick(EventJournal journal)
        {
            _driver.Tick();
            if (_tamper != null)
            {
                _tamper.Tick(journal);
            }
        }

        /// <summary>
        /// Drains this (first) door's event queue: journals the alarms and tells <paramref name="flow"/> what became of
        /// the grants, of this door and of <paramref name="second"/> (null: none), whose events share the queue.
        /// </summary>
        public void Drain(EventJournal journal, int doorId, AccessFlow flow, DoorParts second, int secondId)
        {
            DoorEvent e;
            while (_driver.Machine.Events.TryDequeue(out e))
            {
                if (e.SecondDoor && second != null)
                {
                    second.Record(e, journal, secondId, flow);
                }
                else
                {
                    Record(e, journal, doorId, flow);
                }
            }
        }

        private void Record(DoorEvent e, EventJournal journal, int doorId, AccessFlow flow)
        {
            switch (e.Kind)
            {
                case DoorEventKind.OpenedAfterGrant:
                case DoorEventKind.GrantUnused:
                    flow.DoorReported(e.GrantId, e.Kind == DoorEventKind.OpenedAfterGrant);
                    break;
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
                case DoorEventKind.OfficeModeStarted:
                case DoorEventKind.OfficeModeEnded:
                    _office.Door = doorId;
                    _office.Started = e.Kind == DoorEventKind.OfficeModeStarted;
                    _office.Seconds = _office.Started ? e.Detail : 0;
                    _office.EndReason = _office.Started ? 0 : e.Detail;
                    journal.Append(EventType.OfficeMode, _office, RecordFlags.None);
                    break;
                case DoorEventKind.GrantRefused:
                case DoorEventKind.ExitRefused:
                    if (e.Kind == DoorEventKind.GrantRefused && e.Detail != DoorStateMachine.RefusedByInterlock)
                    {
                        break; // refused in lockdown: the lockdown itself is the record
                    }
                    _interlock.Door = doorId;
                    _interlock.Source = e.Kind == DoorEventKind.ExitRefused ? InterlockRefusedEvent.ExitButton : InterlockRefusedEvent.Unlock;
                    journal.Append(EventType.InterlockRefused, _interlock, RecordFlags.None);
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

using System;
using DoorController.Hal;
using DoorController.Core;

namespace DoorController.Door
{
    /// <summary>
    /// Connects a <see cref="DoorStateMachine"/> to its pins and makes "locked" the answer to every failure:
    /// <see cref="Boot"/> locks before anything else runs (so a crash, watchdog reset or power cycle ends locked),
    /// and a <see cref="Tick"/> that throws anywhere locks the relay before returning. The relay level is rewritten
    /// on every tick, so a missed or glitched write heals within one tick.
    /// </summary>
    public sealed class DoorDriver
    {
        private readonly DoorStateMachine _machine;
        private readonly DoorSettings _settings;
        private readonly IDigitalOutput _relay;
        private readonly IDigitalInput _contact;
        private readonly IDigitalInput _exitButton;
        private readonly IDigitalOutput _led;
        private readonly IDigitalOutput _buzzer;
        private readonly IClock _clock;
        private long _monitorMismatchSince = -1;
        // Yes/no state as bits of one field (a 12-byte heap block per field on nanoCLR, docs/hardware.md).
        private int _flags;
        private const int Faulted = 1;              // the last relay write threw
        private const int Released = 1 << 1;        // the relay was last driven to its unlocked level
        private const int TickFailing = 1 << 2;     // the last tick threw (reported once)
        private const int MonitorFaultReported = 1 << 3;

        /// <summary><see cref="DoorEvent.Detail"/> of a relay fault: the relay write threw.</summary>
        public const int RelayFaultWriteFailed = 0;

        /// <summary><see cref="DoorEvent.Detail"/> of a relay fault: the lock monitor disagrees with the relay (welded contact, dead lock, cut wire).</summary>
        public const int RelayFaultMonitorMismatch = 1;

        /// <param name="exitButton">May be null (no request-to-exit button fitted).</param>
        /// <param name="led">May be null.</param>
        /// <param name="buzzer">May be null.</param>
        public DoorDriver(DoorStateMachine machine, DoorSettings settings, IClock clock, IDigitalOutput relay,
            IDigitalInput contact, IDigitalInput exitButton, IDigitalOutput led, IDigitalOutput buzzer)
        {
            if (machine == null) throw new ArgumentNullException("machine");
            if (settings == null) throw new ArgumentNullException("settings");
            if (clock == null) throw new ArgumentNullException("clock");
            if (relay == null) throw new ArgumentNullException("relay");
            if (contact == null) throw new ArgumentNullException("contact");
            _machine = machine;
            _settings = settings;
            _clock = clock;
            _relay = relay;
            _contact = contact;
            _exitButton = exitButton;
            _led = led;
            _buzzer = buzzer;
        }

        public DoorStateMachine Machine
        {
            get { return _machine; }
        }

        /// <summary>
        /// Optional lock monitor input (strike latch or maglock bond sensor). When set, a disagreement with the
        /// commanded state while the door is closed, lasting longer than
        /// <see cref="DoorSettings.LockMonitorMismatchMilliseconds"/>, is reported once as a relay fault.
        /// </summary>
        public IDigitalInput LockMonitor { get; set; }

        /// <summary>The pairing with another door of this controller (null: no interlock). Set by <see cref="DoorInterlock"/>.</summary>
        public DoorInterlock Interlock { get; set; }

        /// <summary>Whether the relay was last driven (or may have been left) at the released level.</summary>
        public bool RelayReleased
        {
            get { return Has(Released); }
        }

        /// <summary>Ticks that threw and were answered by locking.</summary>
        public int FaultCount { get; private set; }

        /// <summary>Whether the last relay write failed.</summary>
        public bool RelayFaulted
        {
            get { return Has(Faulted); }
        }

        /// <summary>First thing at start-up, before the network, the journal or any reader: lock.</summary>
        public void Boot()
        {
            Safe();
        }

        /// <summary>Drops all unlocks and drives the relay, LED and buzzer to their idle levels. Never throws.</summary>
        public void Safe()
        {
            try
            {
                _machine.Safe();
            }
            catch (Exception)
            {
                // The relay write below does not depend on the machine.
            }
            WriteRelay(false);
            TryWrite(_led, !_settings.LedActiveHigh);
            TryWrite(_buzzer, !_settings.BuzzerActiveHigh);
        }

        /// <summary>One step: read the inputs, run the machine, drive the outputs. Never throws.</summary>
        public void Tick()
        {
            try
            {
                bool contact = _contact.Read();
                bool exit = _exitButton != null ? _exitButton.Read() : !_settings.RexPressedLevel;
                _machine.Tick(contact, exit);
                // The interlock is asked again at the pin: whatever the machine says, this relay is not released
                // while the other door is open or its relay is.
                WriteRelay(_machine.RelayUnlocked && (Interlock == null || Interlock.OtherDoorSecure(_machine)));
                CheckLockMonitor();
                // A broken LED or buzzer must not cancel grants: their writes are best effort.
                TryWrite(_led, _machine.LedOn == _settings.LedActiveHigh);
                TryWrite(_buzzer, _machine.BuzzerOn == _settings.BuzzerActiveHigh);
                Put(TickFailing, false);
            }
            catch (Exception)
            {
                FaultCount++;
                Safe();
                if (Has(TickFailing))
                {
                    return; // reported when it started; a tick that keeps failing must not flood the queue
                }
                Put(TickFailing, true);
                try
                {
                    _machine.Emit(DoorEventKind.Fault, 0, 0, _clock.UptimeMilliseconds);
                }
                catch (Exception)
                {
                    // Reporting is best effort; the lock is already safe.
                }
            }
        }

        private void WriteRelay(bool unlocked)
        {
            if (unlocked)
            {
                Put(Released, true); // before the write: a write that throws may still have reached the pin
            }
            try
            {
                _relay.Write(_settings.RelayLevelFor(unlocked));
                Put(Faulted, false);
                Put(Released, unlocked);
            }
            catch (Exception)
            {
                // Report once per fault, not once per tick.
                if (!Has(Faulted))
                {
                    Put(Faulted, true);
                    _machine.Emit(DoorEventKind.RelayFault, 0, RelayFaultWriteFailed, _clock.UptimeMilliseconds);
                }
            }
        }

        private void CheckLockMonitor()
        {
            IDigitalInput monitor = LockMonitor;
            // An open door cannot be bonded or latched, so only a closed door says anything about the lock.
            if (monitor == null || _machine.IsOpen)
            {
                _monitorMismatchSince = -1;
                return;
            }
            long now = _clock.UptimeMilliseconds;
            bool reportsLocked = monitor.Read() == _settings.LockMonitorLockedLevel;
            if (reportsLocked != _machine.RelayUnlocked)
            {
                _monitorMismatchSince = -1;
                Put(MonitorFaultReported, false);
                return;
            }
            if (_monitorMismatchSince < 0)
            {
                _monitorMismatchSince = now;
            }
            else if (!Has(MonitorFaultReported) && now - _monitorMismatchSince >= _settings.LockMonitorMismatchMilliseconds)
            {
                Put(MonitorFaultReported, true);
                _machine.Emit(DoorEventKind.RelayFault, 0, RelayFaultMonitorMismatch, now);
            }
        }

        private static void TryWrite(IDigitalOutput output, bool level)
        {
            if (output == null)
            {
                return;
            }
            try
            {
                output.Write(level);
            }
            catch (Exception)
            {
                // An LED that cannot be written must not stop the relay from being locked.
            }
        }

        private bool Has(int flag)
        {
            return Bits.Has(_flags, flag);
        }

        private void Put(int flag, bool on)
        {
            _flags = Bits.With(_flags, flag, on);
        }
    }
}

using DoorController.Hal;
using DoorController.Core;

namespace DoorController.Door
{
    /// <summary>
    /// The door as logic only: grants, exit requests, the door contact and the mode go in; whether the lock should be
    /// open, what the LED and buzzer show, and door events come out. Tick-driven on the injected clock, no threads,
    /// no hardware (the <see cref="DoorDriver"/> does the pins). The decision core only says Grant or Deny
    /// (patent S117 "OK to send an unlocking signal"); what happens at the door afterwards is decided here.
    /// Commands and state are here; what each tick reads from the contact and the exit button is in
    /// DoorStateMachine.Inputs.cs.
    /// </summary>
    public sealed partial class DoorStateMachine
    {
        private readonly DoorSettings _settings;
        private readonly IClock _clock;
        private readonly DoorEventQueue _events;

        private DoorMode _mode = DoorMode.Normal;

        // The machine's yes/no state, one bit each in _flags: nanoCLR gives every field a 12-byte heap block, so fifteen
        // bool fields cost 180 B per door where one int costs 12 (docs/hardware.md, "Managed heap").
        private int _flags;
        private const int Started = 1;
        private const int UnlockActive = 1 << 1;    // the current grant holds the lock released
        private const int GrantOpened = 1 << 2;     // ... and the door opened on it
        private const int GrantExtended = 1 << 3;   // ... with extended access (the longer held-open time)
        private const int GraceActive = 1 << 4;     // a grant that relocked unused still owns an opening
        private const int GraceExtended = 1 << 5;
        private const int RexRaw = 1 << 6;          // the exit button's raw level, not yet debounced
        private const int RexPressed = 1 << 7;
        private const int RawOpen = 1 << 8;         // the contact's raw level, not yet debounced
        private const int Open = 1 << 9;
        private const int HeldReported = 1 << 10;
        private const int ForcedActive = 1 << 11;
        private const int OfficeActive = 1 << 12;
        private const int Offline = 1 << 13;
        private const int LockReleased = 1 << 14;  // what RelayUnlocked says
        private const int SecondDoor = 1 << 15;    // fixed at construction: this door's events are marked as the second's

        // The current grant: unlocked until _unlockUntil, consumed by the first opening.
        private long _unlockUntil;
        private int _grantId;

        // A grant that relocked unused still owns an opening during the grace period.
        private int _graceGrantId;
        private long _graceUntil;

        // Request-to-exit.
        private long _rexRawSince;
        private long _rexUntil;
        private long _rexUnlockUntil;

        // Door contact.
        private long _rawSince;
        private long _openSince;
        private long _heldLimit;

        // Office mode (first-person-in): held unlocked until _officeUntil. RAM only, on purpose: a power cycle comes
        // back locked until the next designated entry.
        private long _officeUntil;

        // The LED and buzzer patterns; null on a second door (it has neither).
        private readonly IndicatorPlayer _indicator;

        /// <summary><see cref="DoorEvent.Detail"/> of <see cref="DoorEventKind.GrantRefused"/>: the interlocked door was not secure.</summary>
        public const int RefusedByInterlock = 1;

        public DoorStateMachine(DoorSettings settings, IClock clock)
        {
            _settings = settings;
            _clock = clock;
            _events = new DoorEventQueue(DoorEventQueue.DefaultCapacity);
            _heldLimit = settings.HeldOpenMilliseconds;
            _indicator = new IndicatorPlayer();
        }

        /// <summary>
        /// The second door of <paramref name="first"/>'s controller: no LED or buzzer, and its events go into the first
        /// door's queue marked <see cref="DoorEvent.SecondDoor"/> (one queue's arrays instead of two, docs/hardware.md).
        /// </summary>
        public DoorStateMachine(DoorSettings settings, IClock clock, DoorStateMachine first)
        {
            _settings = settings;
            _clock = clock;
            _events = first._events;
            _heldLimit = settings.HeldOpenMilliseconds;
            _flags = SecondDoor;
        }

        /// <summary>The controller's second door (made with the first door's machine).</summary>
        public bool IsSecondDoor
        {
            get { return Has(SecondDoor); }
        }

        public DoorEventQueue Events
        {
            get { return _events; }
        }

        public DoorMode Mode
        {
            get { return _mode; }
        }

        /// <summary>Whether the lock should be unlocked now (logical; the driver maps it to a relay level).</summary>
        public bool RelayUnlocked
        {
            get { return Has(LockReleased); }
        }

        public bool IsOpen
        {
            get { return Has(Open); }
        }

        /// <summary>Whether the contact shows the door open, debounced or not yet: what an interlock must assume.</summary>
        public bool ContactShowsOpen
        {
            get { return Has(Open) || Has(RawOpen); }
        }

        /// <summary>The pairing with another door of this controller (null: no interlock). Set by <see cref="DoorInterlock"/>.</summary>
        public DoorInterlock Interlock { get; set; }

        /// <summary>Whether an interlock keeps this door locked now (the other door is open or unlocked).</summary>
        public bool InterlockHolds
        {
            get { return Interlock != null && !Interlock.OtherDoorSecure(this); }
        }

        public bool IsForced
        {
            get { return Has(ForcedActive); }
        }

        public bool IsHeldOpen
        {
            get { return Has(HeldReported); }
        }

        /// <summary>Office mode holds the door unlocked (first-person-in).</summary>
        public bool InOfficeMode
        {
            get { return Has(OfficeActive); }
        }

        /// <summary>Milliseconds of office mode left (0 when not in office mode).</summary>
        public long OfficeModeRemaining
        {
            get { return Has(OfficeActive) ? _officeUntil - _clock.UptimeMilliseconds : 0; }
        }

        public IndicatorPattern Pattern
        {
            get { return _indicator == null ? IndicatorPattern.Idle : _indicator.Pattern; }
        }

        public bool LedOn
        {
            get { return _indicator != null && (_indicator.Outputs & IndicatorPatterns.Led) != 0; }
        }

        public bool BuzzerOn
        {
            get { return _indicator != null && (_indicator.Outputs & IndicatorPatterns.Buzzer) != 0; }
        }

        /// <summary>
        /// Unlocks for grant <paramref name="grantId"/> (non-zero, from the decision core). A non-positive
        /// <paramref name="unlockMilliseconds"/> takes the configured time (the extended one for
        /// <paramref name="extendedAccess"/>). Refused in lockdown, and while the interlocked door is not closed and
        /// locked (a grant decided before that door opened must not release this one). Returns whether the door unlocks.
        /// </summary>
        public bool Grant(int grantId, int unlockMilliseconds, bool extendedAccess)
        {
            long now = _clock.UptimeMilliseconds;
            if (_mode == DoorMode.Lockdown || InterlockHolds)
            {
                Emit(DoorEventKind.GrantRefused, grantId, _mode == DoorMode.Lockdown ? 0 : RefusedByInterlock, now);
                Feedback(IndicatorPattern.Denied, now);
                return false;
            }
            CancelGrant(now);
            int duration = unlockMilliseconds > 0
                ? unlockMilliseconds
                : (extendedAccess ? _settings.ExtendedUnlockMilliseconds : _settings.UnlockMilliseconds);
            if (duration < DoorSettings.MinimumUnlockMilliseconds) duration = DoorSettings.MinimumUnlockMilliseconds;
            if (duration > DoorSettings.MaximumUnlockMilliseconds) duration = DoorSettings.MaximumUnlockMilliseconds;
            Put(UnlockActive, true);
            _unlockUntil = now + duration;
            _grantId = grantId;
            Put(GrantOpened, false);
            Put(GrantExtended, extendedAccess);
            Feedback(IndicatorPattern.Granted, now);
            UpdateRelay(now);
            return true;
        }

        /// <summary>
        /// First-person-in: holds the door unlocked for <paramref name="milliseconds"/> (to the office-mode window's
        /// end; a later end extends it). Refused in lockdown — and a lockdown ending does not bring it back: only the
        /// next designated entry does. Never at an interlocked door: a door held unlocked for hours would keep the other
        /// door of the mantrap locked all that time. Returns whether office mode holds now.
        /// </summary>
        public bool HoldForOfficeMode(long milliseconds)
        {
            long now = _clock.UptimeMilliseconds;
            if (_mode == DoorMode.Lockdown || milliseconds <= 0 || Interlock != null)
            {
                return false;
            }
            long until = now + milliseconds;
            if (!Has(OfficeActive))
            {
                Put(OfficeActive, true);
                _officeUntil = until;
                Emit(DoorEventKind.OfficeModeStarted, 0, (int)(milliseconds / 1000), now);
            }
            else if (until > _officeUntil)
            {
                _officeUntil = until;
            }
            UpdateRelay(now);
            return true;
        }

        /// <summary>Denied feedback; the lock is not touched.</summary>
        public void Deny()
        {
            Feedback(IndicatorPattern.Denied, _clock.UptimeMilliseconds);
        }

        /// <summary>Error feedback (unreadable credential, internal error); the lock is not touched.</summary>
        public void ShowError()
        {
            Feedback(IndicatorPattern.Error, _clock.UptimeMilliseconds);
        }

        /// <summary>The background pattern when nothing else is shown: the link to the server is down.</summary>
        public void SetOffline(bool offline)
        {
            Put(Offline, offline);
        }

        public void SetMode(DoorMode mode)
        {
            if (mode == _mode)
            {
                return;
            }
            long now = _clock.UptimeMilliseconds;
            DoorMode previous = _mode;
            _mode = mode;
            Emit(DoorEventKind.ModeChanged, 0, (int)mode, now);
            if (mode == DoorMode.Lockdown)
            {
                CancelGrant(now);
                EndOfficeMode(OfficeModeEnd.Lockdown, now);
            }
            if (previous == DoorMode.Release && Has(Open))
            {
                // A door left open during release gets the full held-open time from now on, not an instant alarm.
                _openSince = now;
                _heldLimit = _settings.HeldOpenMilliseconds;
            }
            UpdateRelay(now);
        }

        /// <summary>
        /// Drops every unlock (grant, grace, exit) so the lock goes back to locked. Called by the driver at boot and
        /// after anything threw; the mode is kept (a commanded release stays released).
        /// </summary>
        public void Safe()
        {
            long now = _clock.UptimeMilliseconds;
            CancelGrant(now);
            EndOfficeMode(OfficeModeEnd.Safe, now);
            _rexUnlockUntil = 0;
            Put(LockReleased, _mode == DoorMode.Release && !InterlockHolds);
        }

        /// <summary>Ends the current grant and any grace; a grant nobody used is reported so presence is not committed.</summary>
        private void CancelGrant(long now)
        {
            if (Has(UnlockActive) && !Has(GrantOpened))
            {
                Emit(DoorEventKind.GrantUnused, _grantId, 0, now);
            }
            if (Has(GraceActive))
            {
                Emit(DoorEventKind.GrantUnused, _graceGrantId, 0, now);
            }
            Put(UnlockActive, false);
            Put(GraceActive, false);
        }

        private void EndOfficeMode(OfficeModeEnd why, long now)
        {
            if (!Has(OfficeActive))
            {
                return;
            }
            Put(OfficeActive, false);
            Emit(DoorEventKind.OfficeModeEnded, 0, (int)why, now);
        }

        private void UpdateRelay(long now)
        {
            bool wanted = _mode == DoorMode.Release
                || (_mode == DoorMode.Normal && Has(UnlockActive) && now < _unlockUntil)
                || (_mode == DoorMode.Normal && Has(OfficeActive) && now < _officeUntil)
                || now < _rexUnlockUntil;
            // A release (commanded, or an unlock that was already running when the other door was forced) waits while
            // the interlock holds; an unlock's own time keeps running meanwhile.
            Put(LockReleased, wanted && !InterlockHolds);
        }

        private bool Has(int flag)
        {
            return Bits.Has(_flags, flag);
        }

        private void Put(int flags, bool on)
        {
            _flags = Bits.With(_flags, flags, on);
        }

        private void Feedback(IndicatorPattern pattern, long now)
        {
            if (_indicator != null)
            {
                _indicator.StartFeedback(pattern, now);
            }
        }

        /// <summary>Queues an event of this door (the driver's relay faults come through here too).</summary>
        internal void Emit(DoorEventKind kind, int grantId, int detail, long now)
        {
            DoorEvent e = new DoorEvent(kind, grantId, detail, now);
            e.SecondDoor = Has(SecondDoor);
            _events.Enqueue(e);
        }
    }
}

using DoorController.Hal;

namespace DoorController.Door
{
    /// <summary>
    /// The door as logic only: grants, exit requests, the door contact and the mode go in; whether the lock should be
    /// open, what the LED and buzzer show, and door events come out. Tick-driven on the injected clock, no threads,
    /// no hardware (the <see cref="DoorDriver"/> does the pins). The decision core only says Grant or Deny
    /// (patent S117 "OK to send an unlocking signal"); what happens at the door afterwards is decided here.
    /// </summary>
    public sealed class DoorStateMachine
    {
        private readonly DoorSettings _settings;
        private readonly IClock _clock;
        private readonly DoorEventQueue _events;

        private DoorMode _mode = DoorMode.Normal;
        private bool _started;

        // The current grant: unlocked until _unlockUntil, consumed by the first opening.
        private bool _unlockActive;
        private long _unlockUntil;
        private int _grantId;
        private bool _grantOpened;
        private bool _grantExtended;

        // A grant that relocked unused still owns an opening during the grace period.
        private bool _graceActive;
        private int _graceGrantId;
        private bool _graceExtended;
        private long _graceUntil;

        // Request-to-exit.
        private bool _rexRaw;
        private long _rexRawSince;
        private bool _rexPressed;
        private long _rexUntil;
        private long _rexUnlockUntil;

        // Door contact.
        private bool _rawOpen;
        private long _rawSince;
        private bool _open;
        private long _openSince;
        private long _heldLimit;
        private bool _heldReported;
        private bool _forcedActive;

        // Office mode (first-person-in): held unlocked until _officeUntil. RAM only, on purpose: a power cycle comes
        // back locked until the next designated entry.
        private bool _officeActive;
        private long _officeUntil;

        private readonly IndicatorPlayer _indicator = new IndicatorPlayer();
        private bool _offline;

        private bool _relayUnlocked;

        /// <summary><see cref="DoorEvent.Detail"/> of <see cref="DoorEventKind.GrantRefused"/>: the interlocked door was not secure.</summary>
        public const int RefusedByInterlock = 1;

        public DoorStateMachine(DoorSettings settings, IClock clock) : this(settings, clock, DoorEventQueue.DefaultCapacity)
        {
        }

        /// <summary>With room for <paramref name="eventCapacity"/> events between two drains (a door without LED, buzzer or
        /// lock monitor emits fewer per tick).</summary>
        public DoorStateMachine(DoorSettings settings, IClock clock, int eventCapacity)
        {
            _settings = settings;
            _clock = clock;
            _events = new DoorEventQueue(eventCapacity);
            _heldLimit = settings.HeldOpenMilliseconds;
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
            get { return _relayUnlocked; }
        }

        public bool IsOpen
        {
            get { return _open; }
        }

        /// <summary>Whether the contact shows the door open, debounced or not yet: what an interlock must assume.</summary>
        public bool ContactShowsOpen
        {
            get { return _open || _rawOpen; }
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
            get { return _forcedActive; }
        }

        public bool IsHeldOpen
        {
            get { return _heldReported; }
        }

        /// <summary>Office mode holds the door unlocked (first-person-in).</summary>
        public bool InOfficeMode
        {
            get { return _officeActive; }
        }

        /// <summary>Milliseconds of office mode left (0 when not in office mode).</summary>
        public long OfficeModeRemaining
        {
            get { return _officeActive ? _officeUntil - _clock.UptimeMilliseconds : 0; }
        }

        public IndicatorPattern Pattern
        {
            get { return _indicator.Pattern; }
        }

        public bool LedOn
        {
            get { return (_indicator.Outputs & IndicatorPatterns.Led) != 0; }
        }

        public bool BuzzerOn
        {
            get { return (_indicator.Outputs & IndicatorPatterns.Buzzer) != 0; }
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
                _indicator.StartFeedback(IndicatorPattern.Denied, now);
                return false;
            }
            CancelGrant(now);
            int duration = unlockMilliseconds > 0
                ? unlockMilliseconds
                : (extendedAccess ? _settings.ExtendedUnlockMilliseconds : _settings.UnlockMilliseconds);
            if (duration < DoorSettings.MinimumUnlockMilliseconds) duration = DoorSettings.MinimumUnlockMilliseconds;
            if (duration > DoorSettings.MaximumUnlockMilliseconds) duration = DoorSettings.MaximumUnlockMilliseconds;
            _unlockActive = true;
            _unlockUntil = now + duration;
            _grantId = grantId;
            _grantOpened = false;
            _grantExtended = extendedAccess;
            _indicator.StartFeedback(IndicatorPattern.Granted, now);
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
            if (!_officeActive)
            {
                _officeActive = true;
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
            _indicator.StartFeedback(IndicatorPattern.Denied, _clock.UptimeMilliseconds);
        }

        /// <summary>Error feedback (unreadable credential, internal error); the lock is not touched.</summary>
        public void ShowError()
        {
            _indicator.StartFeedback(IndicatorPattern.Error, _clock.UptimeMilliseconds);
        }

        /// <summary>The background pattern when nothing else is shown: the link to the server is down.</summary>
        public void SetOffline(bool offline)
        {
            _offline = offline;
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
            if (previous == DoorMode.Release && _open)
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
            _relayUnlocked = _mode == DoorMode.Release && !InterlockHolds;
        }

        /// <summary>
        /// One step with the current electrical levels of the door contact and the exit button (pass the
        /// not-pressed level if there is no button). Call every 10-50 ms.
        /// </summary>
        public void Tick(bool contactLevel, bool rexLevel)
        {
            long now = _clock.UptimeMilliseconds;
            bool rawOpen = contactLevel == _settings.ContactOpenLevel;
            bool rawRex = rexLevel == _settings.RexPressedLevel;
            if (!_started)
            {
                // Whatever the inputs show at boot is the starting state, not an event: a door found open after a
                // reboot is not "forced", it only starts the held-open timer.
                _started = true;
                _rawOpen = _open = rawOpen;
                _rawSince = _openSince = now;
                _rexRaw = _rexPressed = rawRex;
                _rexRawSince = now;
            }

            TrackExitButton(rawRex, now);
            ExpireUnlocks(now);
            TrackContact(rawOpen, now);

            if (_open && !_heldReported && _mode != DoorMode.Release && now - _openSince >= _heldLimit)
            {
                _heldReported = true;
                Emit(DoorEventKind.HeldOpen, _grantOpened ? _grantId : 0, 0, now);
            }

            UpdateRelay(now);
            _indicator.Update(now, _forcedActive, _heldReported, _mode, _offline);
        }

        private void TrackExitButton(bool rawRex, long now)
        {
            if (rawRex != _rexRaw)
            {
                _rexRaw = rawRex;
                _rexRawSince = now;
            }
            if (_rexRaw == _rexPressed || now - _rexRawSince < _settings.RexDebounceMilliseconds)
            {
                return;
            }
            _rexPressed = _rexRaw;
            if (!_rexPressed)
            {
                return;
            }
            if (InterlockHolds)
            {
                // No unlock and no exit window: pushing the door open now is reported as forced.
                Emit(DoorEventKind.ExitRefused, 0, 0, now);
                _indicator.StartFeedback(IndicatorPattern.Denied, now);
                return;
            }
            Emit(DoorEventKind.ExitRequested, 0, 0, now);
            _rexUntil = now + _settings.RexWindowMilliseconds;
            if (_settings.RexUnlocks && (_mode != DoorMode.Lockdown || _settings.RexUnlocksInLockdown))
            {
                _rexUnlockUntil = now + _settings.RexUnlockMilliseconds;
            }
        }

        private void ExpireUnlocks(long now)
        {
            if (_officeActive && now >= _officeUntil)
            {
                EndOfficeMode(OfficeModeEnd.WindowEnded, now);
            }
            if (_unlockActive && now >= _unlockUntil)
            {
                _unlockActive = false;
                if (!_grantOpened)
                {
                    _graceActive = true;
                    _graceGrantId = _grantId;
                    _graceExtended = _grantExtended;
                    _graceUntil = now + _settings.ForcedGraceMilliseconds;
                }
            }
            if (_graceActive && now >= _graceUntil)
            {
                Emit(DoorEventKind.GrantUnused, _graceGrantId, 0, now);
                _graceActive = false;
            }
        }

        private void TrackContact(bool rawOpen, long now)
        {
            if (rawOpen != _rawOpen)
            {
                _rawOpen = rawOpen;
                _rawSince = now;
            }
            if (_rawOpen == _open || now - _rawSince < _settings.ContactDebounceMilliseconds)
            {
                return;
            }
            _open = _rawOpen;
            if (_open)
            {
                OnOpened(now);
            }
            else
            {
                OnClosed(now);
            }
        }

        private void OnOpened(long now)
        {
            _openSince = now;
            _heldReported = false;
            _heldLimit = _settings.HeldOpenMilliseconds;
            if (_unlockActive && !_grantOpened)
            {
                _grantOpened = true;
                if (_grantExtended) _heldLimit = _settings.ExtendedHeldOpenMilliseconds;
                Emit(DoorEventKind.OpenedAfterGrant, _grantId, 0, now);
            }
            else if (_graceActive)
            {
                if (_graceExtended) _heldLimit = _settings.ExtendedHeldOpenMilliseconds;
                Emit(DoorEventKind.OpenedAfterGrant, _graceGrantId, 0, now);
                _graceActive = false;
            }
            else if (_mode == DoorMode.Release || _unlockActive || _officeActive)
            {
                Emit(DoorEventKind.OpenedWhileUnlocked, _unlockActive ? _grantId : 0, 0, now);
            }
            else if (now < _rexUntil)
            {
                _rexUntil = 0;
                Emit(DoorEventKind.OpenedByExit, 0, 0, now);
            }
            else
            {
                _forcedActive = true;
                Emit(DoorEventKind.Forced, 0, 0, now);
            }
        }

        private void OnClosed(long now)
        {
            Emit(DoorEventKind.Closed, _grantOpened ? _grantId : 0, 0, now);
            if (_heldReported)
            {
                _heldReported = false;
                Emit(DoorEventKind.HeldOpenCleared, _grantOpened ? _grantId : 0, 0, now);
            }
            _forcedActive = false;
            if (_settings.RelockWhenClosed)
            {
                if (_unlockActive && _grantOpened)
                {
                    _unlockActive = false;
                }
                _rexUnlockUntil = 0;
            }
            if (!_unlockActive)
            {
                // The grant's passage is over: later openings and closings belong to nobody.
                _grantOpened = false;
            }
        }

        /// <summary>Ends the current grant and any grace; a grant nobody used is reported so presence is not committed.</summary>
        private void CancelGrant(long now)
        {
            if (_unlockActive && !_grantOpened)
            {
                Emit(DoorEventKind.GrantUnused, _grantId, 0, now);
            }
            if (_graceActive)
            {
                Emit(DoorEventKind.GrantUnused, _graceGrantId, 0, now);
            }
            _unlockActive = false;
            _graceActive = false;
        }

        private void EndOfficeMode(OfficeModeEnd why, long now)
        {
            if (!_officeActive)
            {
                return;
            }
            _officeActive = false;
            Emit(DoorEventKind.OfficeModeEnded, 0, (int)why, now);
        }

        private void UpdateRelay(long now)
        {
            bool wanted = _mode == DoorMode.Release
                || (_mode == DoorMode.Normal && _unlockActive && now < _unlockUntil)
                || (_mode == DoorMode.Normal && _officeActive && now < _officeUntil)
                || now < _rexUnlockUntil;
            // A release (commanded, or an unlock that was already running when the other door was forced) waits while
            // the interlock holds; an unlock's own time keeps running meanwhile.
            _relayUnlocked = wanted && !InterlockHolds;
        }

        private void Emit(DoorEventKind kind, int grantId, int detail, long now)
        {
            _events.Enqueue(new DoorEvent(kind, grantId, detail, now));
        }
    }
}

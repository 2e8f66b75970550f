namespace DoorController.Door
{
    /// <summary>The door's inputs, once per tick: the exit button and the contact debounced, unlocks expired, openings
    /// and closings judged (granted, forced, held open).</summary>
    public sealed partial class DoorStateMachine
    {
        /// <summary>
        /// One step with the current electrical levels of the door contact and the exit button (pass the
        /// not-pressed level if there is no button). Call every 10-50 ms.
        /// </summary>
        public void Tick(bool contactLevel, bool rexLevel)
        {
            long now = _clock.UptimeMilliseconds;
            bool rawOpen = contactLevel == _settings.ContactOpenLevel;
            bool rawRex = rexLevel == _settings.RexPressedLevel;
            if (!Has(Started))
            {
                // Whatever the inputs show at boot is the starting state, not an event: a door found open after a
                // reboot is not "forced", it only starts the held-open timer.
                Put(Started, true);
                Put(RawOpen | Open, rawOpen);
                _rawSince = _openSince = now;
                Put(RexRaw | RexPressed, rawRex);
                _rexRawSince = now;
            }

            TrackExitButton(rawRex, now);
            ExpireUnlocks(now);
            TrackContact(rawOpen, now);

            if (Has(Open) && !Has(HeldReported) && _mode != DoorMode.Release && now - _openSince >= _heldLimit)
            {
                Put(HeldReported, true);
                Emit(DoorEventKind.HeldOpen, Has(GrantOpened) ? _grantId : 0, 0, now);
            }

            UpdateRelay(now);
            if (_indicator != null)
            {
                _indicator.Update(now, Has(ForcedActive), Has(HeldReported), _mode, Has(Offline));
            }
        }

        private void TrackExitButton(bool rawRex, long now)
        {
            if (rawRex != Has(RexRaw))
            {
                Put(RexRaw, rawRex);
                _rexRawSince = now;
            }
            if (Has(RexRaw) == Has(RexPressed) || now - _rexRawSince < _settings.RexDebounceMilliseconds)
            {
                return;
            }
            Put(RexPressed, Has(RexRaw));
            if (!Has(RexPressed))
            {
                return;
            }
            if (InterlockHolds)
            {
                // No unlock and no exit window: pushing the door open now is reported as forced.
                Emit(DoorEventKind.ExitRefused, 0, 0, now);
                Feedback(IndicatorPattern.Denied, now);
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
            if (Has(OfficeActive) && now >= _officeUntil)
            {
                EndOfficeMode(OfficeModeEnd.WindowEnded, now);
            }
            if (Has(UnlockActive) && now >= _unlockUntil)
            {
                Put(UnlockActive, false);
                if (!Has(GrantOpened))
                {
                    Put(GraceActive, true);
                    _graceGrantId = _grantId;
                    Put(GraceExtended, Has(GrantExtended));
                    _graceUntil = now + _settings.ForcedGraceMilliseconds;
                }
            }
            if (Has(GraceActive) && now >= _graceUntil)
            {
                Emit(DoorEventKind.GrantUnused, _graceGrantId, 0, now);
                Put(GraceActive, false);
            }
        }

        private void TrackContact(bool rawOpen, long now)
        {
            if (rawOpen != Has(RawOpen))
            {
                Put(RawOpen, rawOpen);
                _rawSince = now;
            }
            if (Has(RawOpen) == Has(Open) || now - _rawSince < _settings.ContactDebounceMilliseconds)
            {
                return;
            }
            Put(Open, Has(RawOpen));
            if (Has(Open))
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
            Put(HeldReported, false);
            _heldLimit = _settings.HeldOpenMilliseconds;
            if (Has(UnlockActive) && !Has(GrantOpened))
            {
                Put(GrantOpened, true);
                if (Has(GrantExtended)) _heldLimit = _settings.ExtendedHeldOpenMilliseconds;
                Emit(DoorEventKind.OpenedAfterGrant, _grantId, 0, now);
            }
            else if (Has(GraceActive))
            {
                if (Has(GraceExtended)) _heldLimit = _settings.ExtendedHeldOpenMilliseconds;
                Emit(DoorEventKind.OpenedAfterGrant, _graceGrantId, 0, now);
                Put(GraceActive, false);
            }
            else if (_mode == DoorMode.Release || Has(UnlockActive) || Has(OfficeActive))
            {
                Emit(DoorEventKind.OpenedWhileUnlocked, Has(UnlockActive) ? _grantId : 0, 0, now);
            }
            else if (now < _rexUntil)
            {
                _rexUntil = 0;
                Emit(DoorEventKind.OpenedByExit, 0, 0, now);
            }
            else
            {
                Put(ForcedActive, true);
                Emit(DoorEventKind.Forced, 0, 0, now);
            }
        }

        private void OnClosed(long now)
        {
            Emit(DoorEventKind.Closed, Has(GrantOpened) ? _grantId : 0, 0, now);
            if (Has(HeldReported))
            {
                Put(HeldReported, false);
                Emit(DoorEventKind.HeldOpenCleared, Has(GrantOpened) ? _grantId : 0, 0, now);
            }
            Put(ForcedActive, false);
            if (_settings.RelockWhenClosed)
            {
                if (Has(UnlockActive) && Has(GrantOpened))
                {
                    Put(UnlockActive, false);
                }
                _rexUnlockUntil = 0;
            }
            if (!Has(UnlockActive))
            {
                // The grant's passage is over: later openings and closings belong to nobody.
                Put(GrantOpened, false);
            }
        }
    }
}

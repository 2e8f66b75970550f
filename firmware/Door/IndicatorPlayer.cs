namespace DoorController.Door
{
    /// <summary>
    /// Chooses and plays the LED/buzzer pattern: alarms first (forced, then held open), then one-shot feedback
    /// (granted, denied, error) until it finishes, then the mode's pattern, offline, or idle. A new feedback restarts
    /// its pattern even if the same one is playing (two denials in a row beep twice).
    /// </summary>
    public sealed class IndicatorPlayer
    {
        private IndicatorPattern _feedback = IndicatorPattern.Idle;
        private long _feedbackStart;
        private bool _feedbackPending;
        private IndicatorPattern _shown = IndicatorPattern.Idle;
        private long _shownSince;
        private int _outputs;

        public IndicatorPattern Pattern
        {
            get { return _shown; }
        }

        /// <summary><see cref="IndicatorPatterns.Led"/> | <see cref="IndicatorPatterns.Buzzer"/> bits for now.</summary>
        public int Outputs
        {
            get { return _outputs; }
        }

        public void StartFeedback(IndicatorPattern pattern, long now)
        {
            _feedback = pattern;
            _feedbackStart = now;
            _feedbackPending = true;
        }

        public void Update(long now, bool forced, bool heldOpen, DoorMode mode, bool offline)
        {
            IndicatorPattern wanted;
            if (forced)
            {
                wanted = IndicatorPattern.ForcedAlarm;
            }
            else if (heldOpen)
            {
                wanted = IndicatorPattern.HeldOpenAlarm;
            }
            else if (_feedbackPending && now - _feedbackStart < IndicatorPatterns.LengthMillisecondsOf(_feedback))
            {
                wanted = _feedback;
            }
            else
            {
                _feedbackPending = false;
                wanted = mode == DoorMode.Lockdown ? IndicatorPattern.Lockdown
                    : mode == DoorMode.Release ? IndicatorPattern.Release
                    : offline ? IndicatorPattern.Offline
                    : IndicatorPattern.Idle;
            }
            bool restartFeedback = _feedbackPending && wanted == _feedback && _shownSince != _feedbackStart;
            if (wanted != _shown || restartFeedback)
            {
                _shown = wanted;
                _shownSince = _feedbackPending && wanted == _feedback ? _feedbackStart : now;
            }
            _outputs = IndicatorPatterns.OutputsAt(_shown, now - _shownSince);
        }
    }
}

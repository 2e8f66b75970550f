using DoorController.Config;
using DoorController.Hal;

namespace DoorController.Provisioning
{
    /// <summary>
    /// Who may use the console. After boot and after <see cref="IdleTimeoutMilliseconds"/> without input the
    /// passcode is required again. Each wrong passcode doubles a lock-out (1 s, 2 s, 4 s ... capped at
    /// <see cref="MaxBackoffMilliseconds"/>) during which attempts are refused unchecked, so guessing over the
    /// cable costs hours. The failure count survives a reboot (<see cref="ConsoleLockoutRecord"/>), so cutting
    /// the power restarts the current back-off instead of clearing it. A board without a passcode (blank or
    /// factory-reset) is open so it can be provisioned.
    /// </summary>
    public sealed class ConsoleAccessGuard
    {
        public const long IdleTimeoutMilliseconds = 5 * 60 * 1000;
        public const long FirstBackoffMilliseconds = 1000;
        public const long MaxBackoffMilliseconds = 15 * 60 * 1000;

        private readonly IClock _clock;
        private readonly ConsoleLockoutRecord _record;
        private bool _unlocked;
        private int _failures;
        private long _lockedOutUntil;
        private long _lastActivity;

        /// <param name="record">Where failures persist across reboots; null keeps them in memory only.</param>
        public ConsoleAccessGuard(IClock clock, ConsoleLockoutRecord record)
        {
            _clock = clock;
            _record = record;
            _lastActivity = clock.UptimeMilliseconds;
            if (record != null)
            {
                _failures = record.Load();
                if (_failures > 0)
                {
                    _lockedOutUntil = clock.UptimeMilliseconds + BackoffFor(_failures);
                }
            }
        }

        /// <summary>The lock-out after <paramref name="failures"/> consecutive wrong passcodes.</summary>
        public static long BackoffFor(int failures)
        {
            long backoff = FirstBackoffMilliseconds;
            for (int i = 1; i < failures && backoff < MaxBackoffMilliseconds; i++)
            {
                backoff *= 2;
            }
            return backoff > MaxBackoffMilliseconds ? MaxBackoffMilliseconds : backoff;
        }

        /// <summary>Consecutive wrong passcodes since the last success.</summary>
        public int Failures
        {
            get { return _failures; }
        }

        public bool IsUnlocked(ControllerConfig config)
        {
            return !config.HasPasscode || _unlocked;
        }

        /// <summary>Records input so the idle timeout starts again.</summary>
        public void Touch()
        {
            _lastActivity = _clock.UptimeMilliseconds;
        }

        /// <summary>Locks an unlocked session that has been idle too long; true when it did so just now.</summary>
        public bool LockIfIdle(ControllerConfig config)
        {
            if (!_unlocked || !config.HasPasscode)
            {
                return false;
            }
            if (_clock.UptimeMilliseconds - _lastActivity < IdleTimeoutMilliseconds)
            {
                return false;
            }
            _unlocked = false;
            return true;
        }

        /// <summary>Keeps the current session open, e.g. right after its user set the first passcode.</summary>
        public void Unlock()
        {
            _unlocked = true;
            Touch();
        }

        public void Lock()
        {
            _unlocked = false;
        }

        /// <summary>Milliseconds until another passcode attempt is accepted; 0 when one may be tried now.</summary>
        public long RemainingLockoutMilliseconds
        {
            get
            {
                long remaining = _lockedOutUntil - _clock.UptimeMilliseconds;
                return remaining > 0 ? remaining : 0;
            }
        }

        /// <summary>Checks a passcode attempt; null when it unlocked the console, otherwise why not.</summary>
        public string TryUnlock(ControllerConfig config, string attempt)
        {
            long remaining = RemainingLockoutMilliseconds;
            if (remaining > 0)
            {
                return "locked out after " + _failures.ToString() + " wrong passcode(s); retry in " + SecondsText(remaining) + " s";
            }
            if (PasscodeHash.Verify(config, attempt))
            {
                _unlocked = true;
                if (_failures > 0)
                {
                    _failures = 0;
                    Persist();
                }
                _lockedOutUntil = 0;
                Touch();
                return null;
            }
            _failures++;
            Persist();
            long backoff = BackoffFor(_failures);
            _lockedOutUntil = _clock.UptimeMilliseconds + backoff;
            return "wrong passcode; next attempt in " + SecondsText(backoff) + " s";
        }

        /// <summary>Forgets failures and unlocks: used after a factory reset, which also clears the passcode.</summary>
        public void Reset()
        {
            _failures = 0;
            _lockedOutUntil = 0;
            _unlocked = false;
            Persist();
        }

        private void Persist()
        {
            if (_record != null)
            {
                _record.Save(_failures);
            }
        }

        private static string SecondsText(long milliseconds)
        {
            return ((milliseconds + 999) / 1000).ToString();
        }
    }
}

namespace DoorController.Door
{
    /// <summary>
    /// The LED/buzzer timing tables in one place. Each table is pairs of (outputs, milliseconds) where outputs is
    /// <see cref="Led"/> | <see cref="Buzzer"/>. Chosen so that granted, denied and error are told apart by ear alone
    /// (one short beep, three short beeps, one long beep) for users who cannot see the LED.
    /// </summary>
    public static class IndicatorPatterns
    {
        public const int Led = 1;
        public const int Buzzer = 2;

        private static readonly int[] IdleSteps = { 0, 1000 };
        private static readonly int[] GrantedSteps = { Led | Buzzer, 150, Led, 2850 };
        private static readonly int[] DeniedSteps = { Buzzer, 100, 0, 100, Buzzer, 100, 0, 100, Buzzer, 100, 0, 500 };
        private static readonly int[] ErrorSteps = { Buzzer, 800, 0, 200 };
        private static readonly int[] OfflineSteps = { Led, 100, 0, 1900 };
        private static readonly int[] LockdownSteps = { Led, 250, 0, 250 };
        private static readonly int[] ReleaseSteps = { Led, 1000 };
        private static readonly int[] HeldOpenSteps = { Buzzer, 500, 0, 500 };
        private static readonly int[] ForcedSteps = { Led | Buzzer, 250, 0, 250 };

        public static int[] StepsOf(IndicatorPattern pattern)
        {
            switch (pattern)
            {
                case IndicatorPattern.Granted: return GrantedSteps;
                case IndicatorPattern.Denied: return DeniedSteps;
                case IndicatorPattern.Error: return ErrorSteps;
                case IndicatorPattern.Offline: return OfflineSteps;
                case IndicatorPattern.Lockdown: return LockdownSteps;
                case IndicatorPattern.Release: return ReleaseSteps;
                case IndicatorPattern.HeldOpenAlarm: return HeldOpenSteps;
                case IndicatorPattern.ForcedAlarm: return ForcedSteps;
                default: return IdleSteps;
            }
        }

        /// <summary>Feedback after a decision plays once; states (alarms, modes, offline) repeat while they last.</summary>
        public static bool Repeats(IndicatorPattern pattern)
        {
            return pattern != IndicatorPattern.Granted && pattern != IndicatorPattern.Denied && pattern != IndicatorPattern.Error;
        }

        /// <summary>Total length of one pass of the table.</summary>
        public static int LengthMillisecondsOf(IndicatorPattern pattern)
        {
            int[] steps = StepsOf(pattern);
            int total = 0;
            for (int i = 1; i < steps.Length; i += 2)
            {
                total += steps[i];
            }
            return total;
        }

        /// <summary>Outputs (Led/Buzzer bits) at <paramref name="elapsedMilliseconds"/> into the pattern; 0 after a one-shot ends.</summary>
        public static int OutputsAt(IndicatorPattern pattern, long elapsedMilliseconds)
        {
            int[] steps = StepsOf(pattern);
            long total = LengthMillisecondsOf(pattern);
            if (elapsedMilliseconds < 0 || total <= 0)
            {
                return 0;
            }
            if (elapsedMilliseconds >= total)
            {
                if (!Repeats(pattern))
                {
                    return 0;
                }
                elapsedMilliseconds %= total;
            }
            long at = 0;
            for (int i = 0; i + 1 < steps.Length; i += 2)
            {
                at += steps[i + 1];
                if (elapsedMilliseconds < at)
                {
                    return steps[i];
                }
            }
            return 0;
        }
    }
}

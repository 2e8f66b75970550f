using System;
using DoorController.Hal;

namespace DoorController.Readers
{
    /// <summary>Time steps for rotating tokens, read from the controller's wall clock.</summary>
    public static class TokenTime
    {
        private const long UnixEpochTicks = 621355968000000000;

        /// <summary>Before this the clock has not been set (the ESP32 RTC starts in 1970/2000 after power-up).</summary>
        private static readonly DateTime EarliestPlausibleUtc = new DateTime(2024, 1, 1);

        /// <summary>The current step, or false when the clock is not set (time-based tokens then cannot be checked).</summary>
        public static bool TryCurrentStep(IClock clock, int stepSeconds, out long step)
        {
            step = 0;
            DateTime now = clock.UtcNow;
            if (now < EarliestPlausibleUtc || stepSeconds <= 0)
            {
                return false;
            }
            step = (now.Ticks - UnixEpochTicks) / TimeSpan.TicksPerSecond / stepSeconds;
            return true;
        }

        /// <summary>Accepted within <paramref name="skewSteps"/> either side of <paramref name="nowStep"/>.</summary>
        public static ReadOutcome CheckStep(long tokenStep, long nowStep, int skewSteps)
        {
            if (tokenStep < nowStep - skewSteps)
            {
                return ReadOutcome.Expired;
            }
            if (tokenStep > nowStep + skewSteps)
            {
                return ReadOutcome.NotYetValid;
            }
            return ReadOutcome.Accepted;
        }
    }
}

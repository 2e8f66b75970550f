using System;
using DoorController.Hal;

namespace DoorController.Tests.Door
{
    /// <summary>A clock the test moves by hand; wall time and uptime advance together.</summary>
    public sealed class ManualClock : IClock
    {
        public ManualClock(DateTime utcNow)
        {
            UtcNow = utcNow;
            UptimeMilliseconds = 1000;
        }

        public DateTime UtcNow { get; set; }

        public long UptimeMilliseconds { get; set; }

        public void Advance(long milliseconds)
        {
            UptimeMilliseconds += milliseconds;
            UtcNow = UtcNow.AddMilliseconds(milliseconds);
        }
    }
}

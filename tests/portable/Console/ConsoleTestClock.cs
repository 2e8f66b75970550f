using System;
using DoorController.Hal;

namespace DoorController.Tests.Provisioning
{
    /// <summary>A clock the console tests move by hand (no sleeps).</summary>
    public sealed class ConsoleTestClock : IClock
    {
        public long Uptime = 1000;

        public DateTime UtcNow
        {
            get { return new DateTime(2026, 1, 1).AddMilliseconds(Uptime); }
        }

        public long UptimeMilliseconds
        {
            get { return Uptime; }
        }

        public void Advance(long milliseconds)
        {
            Uptime += milliseconds;
        }
    }
}

using System;
using DoorController.Hal;

namespace DoorController.Tests.Link.Fakes
{
    /// <summary>A clock the test moves by hand.</summary>
    public sealed class ManualClock : IClock
    {
        public DateTime Utc = new DateTime(1970, 1, 1, 0, 0, 0);
        public long Uptime = 1000;

        public DateTime UtcNow
        {
            get { return Utc; }
        }

        public long UptimeMilliseconds
        {
            get { return Uptime; }
        }

        public void Advance(long milliseconds)
        {
            Uptime += milliseconds;
            Utc = Utc.AddMilliseconds(milliseconds);
        }
    }
}

using System;
using DoorController.Hal;

namespace DoorController.Tests.Journal
{
    /// <summary>A clock the test moves by hand; every reading advances it a little so timestamps differ.</summary>
    public sealed class ManualClock : IClock
    {
        private long _ticks = new DateTime(2026, 1, 15, 8, 0, 0).Ticks;
        private long _uptime;

        public DateTime UtcNow
        {
            get
            {
                _ticks += TimeSpan.TicksPerMillisecond;
                return new DateTime(_ticks, DateTimeKind.Utc);
            }
        }

        public long UptimeMilliseconds
        {
            get { return _uptime++; }
        }

        public void Reboot()
        {
            _uptime = 0;
        }
    }
}

using System;
using DoorController.Hal;

namespace DoorController.Tests.Support
{
    /// <summary>
    /// The one clock of the portable tests: the test moves it by hand (no sleeps). Wall time and uptime advance
    /// together; uptime starts at 1000 ms. With <see cref="MillisecondsPerRead"/> set, every reading also moves the
    /// clock on, so consecutive timestamps differ (the journal tests rely on it).
    /// </summary>
    public sealed class ManualClock : IClock
    {
        private DateTime _utc;
        private long _uptime = 1000;

        /// <summary>Starts at the Unix epoch (the site clock then counts as unset).</summary>
        public ManualClock()
            : this(new DateTime(1970, 1, 1, 0, 0, 0))
        {
        }

        public ManualClock(DateTime utcNow)
        {
            _utc = utcNow;
        }

        /// <summary>How far each reading of <see cref="UtcNow"/> (before it is read) and of <see cref="UptimeMilliseconds"/>
        /// (after it is read) moves the clock; 0, the default, keeps it still between <see cref="Advance"/> calls.</summary>
        public long MillisecondsPerRead { get; set; }

        public DateTime UtcNow
        {
            get
            {
                _utc = _utc.AddMilliseconds(MillisecondsPerRead);
                return _utc;
            }
            set { _utc = value; }
        }

        public long UptimeMilliseconds
        {
            get
            {
                long now = _uptime;
                _uptime += MillisecondsPerRead;
                return now;
            }
            set { _uptime = value; }
        }

        public void Advance(long milliseconds)
        {
            _uptime += milliseconds;
            _utc = _utc.AddMilliseconds(milliseconds);
        }

        /// <summary>A restart of the device: uptime starts again from 0, wall time goes on.</summary>
        public void Reboot()
        {
            _uptime = 0;
        }
    }
}

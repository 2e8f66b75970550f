using System;
using DoorController.Hal;
using DoorController.Link.Time;

namespace DoorController.Controller
{
    /// <summary>
    /// The clock the journal stamps events with: the site clock's best UTC (SNTP, the server's clock, or the last
    /// known time carried across a reboot — never 1970 after a power cut) and the platform's monotonic uptime.
    /// </summary>
    public sealed class SiteTimeClock : IClock
    {
        private readonly SiteClock _site;
        private readonly IClock _platform;

        public SiteTimeClock(SiteClock site, IClock platform)
        {
            _site = site;
            _platform = platform;
        }

        public DateTime UtcNow
        {
            get { return _site.UtcNow; }
        }

        public long UptimeMilliseconds
        {
            get { return _platform.UptimeMilliseconds; }
        }
    }
}

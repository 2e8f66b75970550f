using System;
using DoorController.Link.Time;
using nanoFramework.Networking;

namespace DoorController.Hal.Esp32
{
    /// <summary>
    /// SNTP on the ESP32 (nanoFramework.Networking.Sntp): starts the native SNTP client once the network is up and,
    /// from the main loop, offers the system clock to the <see cref="SiteClock"/> hourly. SNTP is not authenticated,
    /// so the site clock takes it only as a refinement within a few seconds of the server's authenticated time
    /// (docs/time.md); it never makes the time certain on its own.
    /// </summary>
    public sealed class SntpTimeSource
    {
        private const long RecheckMilliseconds = 3600000;

        private readonly SiteClock _siteClock;
        private readonly IClock _clock;
        private long _lastSyncUptime = -RecheckMilliseconds;

        public SntpTimeSource(SiteClock siteClock, IClock clock, string server1, string server2)
        {
            _siteClock = siteClock;
            _clock = clock;
            if (server1 != null)
            {
                Sntp.Server1 = server1;
            }
            if (server2 != null)
            {
                Sntp.Server2 = server2;
            }
        }

        /// <summary>Call when the network comes up.</summary>
        public void Start()
        {
            try
            {
                if (!Sntp.IsStarted)
                {
                    Sntp.Start();
                }
                Sntp.UpdateNow();
            }
            catch (Exception)
            {
                // No SNTP: the server's authenticated clock answers are the time source anyway.
            }
        }

        /// <summary>Call from the main loop; cheap when nothing is due.</summary>
        public void Tick()
        {
            long now = _clock.UptimeMilliseconds;
            if (now - _lastSyncUptime < RecheckMilliseconds || !_siteClock.IsCertain || !Sntp.IsStarted)
            {
                return;
            }
            DateTime utc = _clock.UtcNow;
            if (utc >= SiteClock.Floor)
            {
                _siteClock.CorrectFromSntp(utc);
                _lastSyncUptime = now;
            }
        }
    }
}

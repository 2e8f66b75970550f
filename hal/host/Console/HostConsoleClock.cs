using System;
using System.Diagnostics;

namespace DoorController.Hal.Host
{
    /// <summary>Real time for a host-run console: the system UTC clock and a monotonic stopwatch since start.</summary>
    public sealed class HostConsoleClock : IClock
    {
        private readonly Stopwatch _sinceStart = Stopwatch.StartNew();

        public DateTime UtcNow => DateTime.UtcNow;

        public long UptimeMilliseconds => _sinceStart.ElapsedMilliseconds;
    }
}

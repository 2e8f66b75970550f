using System;

namespace DoorController.Hal
{
    /// <summary>
    /// Time as the controller sees it. Injected everywhere so tests run on a simulated clock and never sleep.
    /// <see cref="UtcNow"/> may be wrong until time is synchronised; <see cref="UptimeMilliseconds"/> never jumps.
    /// </summary>
    public interface IClock
    {
        DateTime UtcNow { get; }

        /// <summary>Monotonic milliseconds since boot; used for timeouts, debounce and ordering.</summary>
        long UptimeMilliseconds { get; }
    }
}

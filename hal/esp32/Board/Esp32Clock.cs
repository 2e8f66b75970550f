using System;
using DoorController.Hal;

namespace DoorController.Esp32.Board
{
    /// <summary>
    /// The ESP32's clocks: the RTC (1970 until SNTP or the site clock sets it; there is no battery) and the
    /// monotonic tick count, which never jumps.
    /// </summary>
    public sealed class Esp32Clock : IClock
    {
        public DateTime UtcNow
        {
            get { return DateTime.UtcNow; }
        }

        public long UptimeMilliseconds
        {
            get { return Environment.TickCount64; }
        }
    }
}

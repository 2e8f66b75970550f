using DoorController.Contract;
using DoorController.Link.Time;

namespace DoorController.Link
{
    /// <summary>
    /// Replay rule for authenticated notifications: "issued-ms" must be above the last one shown (a counter, in RAM)
    /// and, while the clock is certain, within <see cref="WindowMilliseconds"/> of now. After a reboot the counter
    /// starts again, but the controller asks for the time on connect, so the window applies within a round trip.
    /// </summary>
    public sealed class NotificationGate
    {
        public const long WindowMilliseconds = 300000;

        private readonly SiteClock _siteClock;
        private long _lastIssued;

        public NotificationGate(SiteClock siteClock)
        {
            _siteClock = siteClock;
        }

        public bool Admit(Notification notification, out string error)
        {
            long skew = notification.IssuedMilliseconds - _siteClock.UnixMilliseconds;
            if (notification.IssuedMilliseconds <= _lastIssued)
            {
                error = "notification replayed";
                return false;
            }
            if (_siteClock.IsCertain && (skew > WindowMilliseconds || skew < -WindowMilliseconds))
            {
                error = "notification stale";
                return false;
            }
            _lastIssued = notification.IssuedMilliseconds;
            error = null;
            return true;
        }
    }
}

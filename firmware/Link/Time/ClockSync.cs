using DoorController.Contract;

namespace DoorController.Link.Time
{
    /// <summary>
    /// Asks the server for the time (dc/v1/dev/&lt;id&gt;/clock/req with a fresh nonce) and accepts only the answer
    /// that echoes that nonce, under the clock key, within <see cref="MaxRoundTripMilliseconds"/> of asking: a recorded
    /// answer is refused (its nonce is not pending), a held-back one too (the round trip bounds how stale it can be,
    /// and the time is set to server time + half the round trip). Asks on connect, every
    /// <see cref="RetryMilliseconds"/> until the time is certain, then every <see cref="RefreshMilliseconds"/>.
    /// </summary>
    public sealed class ClockSync
    {
        public const int MaxRoundTripMilliseconds = 2000;
        public const int RetryMilliseconds = 10000;
        public const int RefreshMilliseconds = 3600000;

        private readonly SiteClock _siteClock;
        private long _pendingNonce;
        private long _askedUptime;
        private bool _asked;
        private long _setUptime;
        private bool _set;

        public ClockSync(SiteClock siteClock)
        {
            _siteClock = siteClock;
        }

        /// <summary>Authenticated answers accepted since boot.</summary>
        public int Accepted { get; private set; }

        /// <summary>New connection: ask at the next tick.</summary>
        public void Reset()
        {
            _asked = false;
            _pendingNonce = 0;
        }

        /// <summary>Sends a clock request when one is due.</summary>
        public void Tick(LinkWire wire, string topic, long nowUptime)
        {
            if (_asked && nowUptime - _askedUptime < RetryMilliseconds)
            {
                return;
            }
            if (_set && _siteClock.IsCertain && nowUptime - _setUptime < RefreshMilliseconds)
            {
                return;
            }
            ClockRequest request = new ClockRequest();
            request.Nonce = wire.NextNonce();
            if (wire.Publish(topic, request.ToJson(), 0, false))
            {
                _pendingNonce = request.Nonce;
                _askedUptime = nowUptime;
                _asked = true;
            }
        }

        /// <summary>An authenticated clock message arrived; false with the reason when it is not the answer awaited.</summary>
        public bool OnClock(ClockMessage clock, long nowUptime, out string error)
        {
            if (_pendingNonce == 0 || clock.Nonce != _pendingNonce)
            {
                error = "clock answer for no pending request (replayed or late)";
                return false;
            }
            _pendingNonce = 0;
            long roundTrip = nowUptime - _askedUptime;
            if (roundTrip > MaxRoundTripMilliseconds)
            {
                error = "clock answer after " + roundTrip + " ms (bound " + MaxRoundTripMilliseconds + " ms)";
                return false;
            }
            if (!_siteClock.SetAuthenticated(clock.UtcMilliseconds + roundTrip / 2))
            {
                error = "clock answer before " + SiteClock.Floor.Year;
                return false;
            }
            Accepted++;
            _set = true;
            _setUptime = nowUptime;
            error = null;
            return true;
        }
    }
}

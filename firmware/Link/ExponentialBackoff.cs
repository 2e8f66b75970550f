using System;

namespace DoorController.Link
{
    /// <summary>
    /// Reconnect delays: exponential growth from <see cref="BaseMilliseconds"/> to <see cref="MaxMilliseconds"/> with
    /// "equal jitter" — each delay is uniformly drawn from [d/2, d] — so a site full of controllers that lost the
    /// broker at the same moment does not reconnect in lockstep, while none waits less than half the nominal delay.
    /// </summary>
    public sealed class ExponentialBackoff
    {
        private readonly Random _random;
        private int _attempt;

        public ExponentialBackoff(int baseMilliseconds, int maxMilliseconds, Random random)
        {
            BaseMilliseconds = baseMilliseconds < 1 ? 1 : baseMilliseconds;
            MaxMilliseconds = maxMilliseconds < BaseMilliseconds ? BaseMilliseconds : maxMilliseconds;
            _random = random;
        }

        public int BaseMilliseconds { get; private set; }

        public int MaxMilliseconds { get; private set; }

        /// <summary>Failed attempts since the last <see cref="Reset"/>.</summary>
        public int Attempt
        {
            get { return _attempt; }
        }

        /// <summary>Nominal (jitter-free) delay before the next attempt.</summary>
        public int NominalMilliseconds()
        {
            long d = BaseMilliseconds;
            for (int i = 0; i < _attempt && d < MaxMilliseconds; i++)
            {
                d *= 2;
            }
            return d > MaxMilliseconds ? MaxMilliseconds : (int)d;
        }

        /// <summary>The delay to wait now; advances the attempt counter.</summary>
        public int NextDelayMilliseconds()
        {
            int nominal = NominalMilliseconds();
            int half = nominal / 2;
            int delay = half + _random.Next(nominal - half + 1);
            if (_attempt < 30)
            {
                _attempt++;
            }
            return delay;
        }

        public void Reset()
        {
            _attempt = 0;
        }
    }
}

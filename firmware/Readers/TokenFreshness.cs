using DoorController.Hal;

namespace DoorController.Readers
{
    /// <summary>
    /// The time half of verifying a rotating token (QR or BLE), once its MAC checked: the controller must know the
    /// time, the token's step must be within the allowed skew of the current one, and the token must be newer than
    /// the last one accepted for that user (replay refused). Thread-safe: readers deliver on their own threads.
    /// </summary>
    public sealed class TokenFreshness
    {
        private readonly object _sync = new object();
        private readonly IClock _clock;
        private readonly TokenReplayCache _replay;

        public TokenFreshness(IClock clock, int replayCapacity)
        {
            _clock = clock;
            _replay = new TokenReplayCache(replayCapacity);
        }

        /// <summary>Accepted (and remembered) or why not: clock not set, expired, not yet valid, replayed.</summary>
        public ReadOutcome Admit(uint tokenRef, long step, int stepSeconds, int allowedSkewSteps)
        {
            long nowStep;
            if (!TokenTime.TryCurrentStep(_clock, stepSeconds, out nowStep))
            {
                return ReadOutcome.ClockNotSet;
            }
            ReadOutcome timing = TokenTime.CheckStep(step, nowStep, allowedSkewSteps);
            if (timing != ReadOutcome.Accepted)
            {
                return timing;
            }
            lock (_sync)
            {
                if (!_replay.IsFresh(tokenRef, step))
                {
                    return ReadOutcome.Replayed;
                }
                _replay.Record(tokenRef, step, nowStep - allowedSkewSteps);
            }
            return ReadOutcome.Accepted;
        }
    }
}

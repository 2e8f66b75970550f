namespace DoorController.Access
{
    /// <summary>
    /// Typical travel time per reader pair, learned as the mean of observed passages (the patent's alternative to
    /// a fixed walking speed). Fixed capacity, no allocation after construction; a section is only trusted after
    /// <see cref="MinimumSamples"/> observations.
    /// </summary>
    public sealed class LearnedSegmentTimes : ISegmentTimes
    {
        public int MinimumSamples = 5;

        private readonly int[] _from;
        private readonly int[] _to;
        private readonly long[] _sumSeconds;
        private readonly int[] _samples;
        private int _count;

        public LearnedSegmentTimes(int capacity)
        {
            _from = new int[capacity];
            _to = new int[capacity];
            _sumSeconds = new long[capacity];
            _samples = new int[capacity];
        }

        public bool TryGetTypicalSeconds(int fromReaderId, int toReaderId, out int seconds)
        {
            int i = Locate(fromReaderId, toReaderId);
            if (i < 0 || _samples[i] < MinimumSamples)
            {
                seconds = 0;
                return false;
            }
            seconds = (int)(_sumSeconds[i] / _samples[i]);
            return true;
        }

        public void Observe(int fromReaderId, int toReaderId, int seconds)
        {
            int i = Locate(fromReaderId, toReaderId);
            if (i < 0)
            {
                if (_count == _from.Length)
                {
                    return; // full: keep what was learned rather than thrash
                }
                i = _count++;
                _from[i] = fromReaderId;
                _to[i] = toReaderId;
            }
            _sumSeconds[i] += seconds;
            _samples[i]++;
        }

        private int Locate(int fromReaderId, int toReaderId)
        {
            for (int i = 0; i < _count; i++)
            {
                if (_from[i] == fromReaderId && _to[i] == toReaderId)
                {
                    return i;
                }
            }
            return -1;
        }
    }
}

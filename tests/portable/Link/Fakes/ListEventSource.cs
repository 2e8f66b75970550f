using System.Collections;
using DoorController.Link;

namespace DoorController.Tests.Link.Fakes
{
    /// <summary>A journal stand-in: events numbered from 1, trimmed by acknowledgements.</summary>
    public sealed class ListEventSource : IEventSource
    {
        private readonly ArrayList _sequences = new ArrayList();
        private readonly ArrayList _bodies = new ArrayList();
        private long _next = 1;
        public long AcknowledgedUpTo;

        public int Depth
        {
            get { return _sequences.Count; }
        }

        public long Append(string json)
        {
            long seq = _next++;
            _sequences.Add(seq);
            _bodies.Add(json);
            return seq;
        }

        public bool TryRead(long afterSequence, out long previous, out long sequence, out string eventJson)
        {
            previous = afterSequence > AcknowledgedUpTo ? afterSequence : AcknowledgedUpTo;
            for (int i = 0; i < _sequences.Count; i++)
            {
                long s = (long)_sequences[i];
                if (s > afterSequence)
                {
                    sequence = s;
                    eventJson = (string)_bodies[i];
                    return true;
                }
            }
            sequence = 0;
            eventJson = null;
            return false;
        }

        public long Acknowledged
        {
            get { return AcknowledgedUpTo; }
        }

        public void Acknowledge(long upToSequence)
        {
            AcknowledgedUpTo = upToSequence;
            while (_sequences.Count > 0 && (long)_sequences[0] <= upToSequence)
            {
                _sequences.RemoveAt(0);
                _bodies.RemoveAt(0);
            }
        }
    }
}

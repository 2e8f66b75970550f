using DoorController.Journal;
using DoorController.Link;
using DoorController.Contract;

namespace DoorController.Controller
{
    /// <summary>
    /// The journal as the link replays it: records in id order rendered as JSON, trimmed only by the server's
    /// cumulative acknowledgement. Event ids are the journal's ids, so the server deduplicates on (device, id).
    /// </summary>
    public sealed class JournalEventSource : IEventSource
    {
        private const int ReadBytesLimit = 4096;

        private readonly EventJournal _journal;
        private readonly EventJson _json = new EventJson();
        private readonly JournalRecord[] _one = new JournalRecord[] { new JournalRecord() };

        public JournalEventSource(EventJournal journal)
        {
            _journal = journal;
        }

        public int Depth
        {
            get { return _journal.Depth; }
        }

        public bool TryRead(long afterSequence, out long previous, out long sequence, out string eventJson)
        {
            sequence = 0;
            eventJson = null;
            // After a reboot the link starts from 0: skip what the server already acknowledged.
            long after = afterSequence > _journal.AckedId ? afterSequence : _journal.AckedId;
            previous = after;
            if (_journal.Read(after, _one, ReadBytesLimit) < 1)
            {
                return false;
            }
            sequence = _one[0].Id;
            JournalRecord record = _one[0];
            eventJson = _json.Render(record.Id, record.Type, record.UtcMilliseconds, record.UptimeMilliseconds, record.ClockUncertain,
                record.Payload, record.PayloadLength);
            return true;
        }

        public long Acknowledged
        {
            get { return _journal.AckedId > 0 ? _journal.AckedId : 0; }
        }

        public void Acknowledge(long upToSequence)
        {
            _journal.Acknowledge(upToSequence);
        }
    }
}

using DoorController.Contract;

namespace DoorController.Journal
{
    /// <summary>
    /// What the journal does when it is full of unacknowledged events (docs/journal.md): the door keeps deciding, each
    /// lost event is counted in the state file, and the server is told by journal_overflow records — one when an
    /// episode's first event is lost (written into the reserve the last segment holds back for it), and one with the
    /// episode's total before the first event stored once space returns. This keeps the counts and encodes the
    /// records; <see cref="EventJournal"/> writes them.
    /// </summary>
    internal sealed class OverflowEpisode
    {
        /// <summary>Largest journal_overflow payload (two varints and a flag).</summary>
        public const int PayloadBytes = 24;

        private readonly JournalStateFile _state;
        private readonly PayloadWriter _writer;
        private readonly JournalOverflowEvent _event = new JournalOverflowEvent();

        public OverflowEpisode(JournalStateFile state, PayloadWriter writer)
        {
            _state = state;
            _writer = writer;
        }

        /// <summary>True while events have been lost and the server has not yet been told the episode ended.</summary>
        public bool Open
        {
            get { return _state.EpisodeDropped > 0; }
        }

        /// <summary>Counts one lost event (persisted); true when it is the episode's first, to be recorded.</summary>
        public bool CountDrop()
        {
            _state.DroppedTotal++;
            _state.EpisodeDropped++;
            _state.Save();
            return _state.EpisodeDropped == 1;
        }

        /// <summary>The episode's end is on flash: the next loss starts a new one.</summary>
        public void End()
        {
            _state.EpisodeDropped = 0;
            _state.Save();
        }

        /// <summary>Encodes the record's payload at record[payloadAt ..]; returns its length.</summary>
        public int Encode(byte[] record, int payloadAt, bool ended)
        {
            _event.Dropped = _state.EpisodeDropped;
            _event.DroppedTotal = _state.DroppedTotal;
            _event.Ended = ended;
            _writer.Reset(record, payloadAt, PayloadBytes);
            _event.Encode(_writer);
            return _writer.Length;
        }
    }
}

using DoorController.Contract;

namespace DoorController.Journal
{
    /// <summary>
    /// What the journal does when it is full of unacknowledged events (docs/journal.md): the door keeps deciding, each
    /// lost event is counted in the state file, and the server is told by journal_overflow records — one when an
    /// episode's first event is lost (written into the reserve the last segment holds back for it), and one with the
    /// episode's total before the first event stored once space returns. These rules keep the counts and encode the
    /// records; <see cref="EventJournal"/> writes them. Static, so the journal holds no further object (heap).
    /// </summary>
    public static class OverflowEpisode
    {
        /// <summary>Largest journal_overflow payload (two varints and a flag).</summary>
        public const int PayloadBytes = 24;

        /// <summary>True while events have been lost and the server has not yet been told the episode ended.</summary>
        public static bool IsOpen(JournalStateFile state)
        {
            return state.EpisodeDropped > 0;
        }

        /// <summary>Counts one lost event (persisted); true when it is the episode's first, to be recorded.</summary>
        public static bool CountDrop(JournalStateFile state)
        {
            state.DroppedTotal++;
            state.EpisodeDropped++;
            state.Save();
            return state.EpisodeDropped == 1;
        }

        /// <summary>The episode's end is on flash: the next loss starts a new one.</summary>
        public static void End(JournalStateFile state)
        {
            state.EpisodeDropped = 0;
            state.Save();
        }

        /// <summary>Encodes the record's payload through <paramref name="writer"/> at record[payloadAt ..]; returns its length.</summary>
        public static int Encode(JournalStateFile state, JournalOverflowEvent overflow, bool ended, PayloadWriter writer, byte[] record, int payloadAt)
        {
            overflow.Dropped = state.EpisodeDropped;
            overflow.DroppedTotal = state.DroppedTotal;
            overflow.Ended = ended;
            writer.Reset(record, payloadAt, PayloadBytes);
            overflow.Encode(writer);
            return writer.Length;
        }
    }
}

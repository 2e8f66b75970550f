namespace DoorController.Journal
{
    /// <summary>
    /// Journal sizing. A segment fills whole LittleFS blocks (4 KB; each block after the first spends 4 bytes or more on
    /// pointers, so two blocks hold 8188 bytes, not 8192); how many segments of how many blocks a board keeps comes from
    /// its flash budget (Contract.BoardFlash, docs/hardware.md). The defaults are a one-block segment and 24 of them.
    /// </summary>
    public sealed class JournalOptions
    {
        public const int DefaultSegmentBytes = 4096;
        public const int DefaultMaxSegments = 24;
        public const int DefaultMaxPayloadBytes = 256;

        /// <summary>Largest MaxPayloadBytes: a record's length field has two bytes of seven bits (RecordFormat).</summary>
        public const int LargestPayloadBytes = (1 << 14) - 1 - RecordFormat.MaxHeaderLength;

        /// <summary>Largest segment file; a record that would cross it starts the next segment.</summary>
        public int SegmentBytes = DefaultSegmentBytes;

        /// <summary>Segment files kept at most; capacity = SegmentBytes x MaxSegments.</summary>
        public int MaxSegments = DefaultMaxSegments;

        /// <summary>Longest payload accepted; also the bound recovery uses to reject a corrupt length.</summary>
        public int MaxPayloadBytes = DefaultMaxPayloadBytes;

        /// <summary>File name prefix of segment and state files on the store.</summary>
        public string FilePrefix = "jnl";

        /// <summary>
        /// Commit every append before it returns (the durability promise): the segment file is closed, which on LittleFS
        /// is the only way a write reaches flash. When false, appends are durable only after <see cref="EventJournal.Commit"/>;
        /// for batching in benchmarks and bulk imports.
        /// </summary>
        public bool CommitEachAppend = true;

        /// <summary>Bytes of the last segment held back for journal_overflow records once the journal is full.</summary>
        public int OverflowReserveBytes = 256;

        /// <summary>Smallest <see cref="SegmentBytes"/> these options allow: a segment header, the overflow reserve and
        /// two records of the largest payload.</summary>
        public int SmallestSegmentBytes
        {
            get { return SegmentHeader.Length + OverflowReserveBytes + 2 * (RecordFormat.MaxOverhead + MaxPayloadBytes); }
        }

        /// <summary>Null when a journal can run with these options, otherwise what is wrong with them.</summary>
        public string Problem()
        {
            if (MaxSegments < 2 || MaxPayloadBytes < 16 || MaxPayloadBytes > LargestPayloadBytes || SegmentBytes < SmallestSegmentBytes)
            {
                return "journal options: need MaxSegments >= 2, 16 <= MaxPayloadBytes <= " + LargestPayloadBytes
                    + ", SegmentBytes >= " + SmallestSegmentBytes;
            }
            return null;
        }
    }
}

namespace DoorController.Journal
{
    /// <summary>
    /// Journal sizing. Defaults fit the nanoFramework ESP32 4 MB layout, whose LittleFS "config" partition
    /// (drive I:\) is 256 KB and also holds configuration, certificates and the credential cache: the journal takes
    /// 12 segments of 8 KB = 96 KB, about 1,250 access decisions of typical size (77 bytes stored; docs/journal.md).
    /// </summary>
    public sealed class JournalOptions
    {
        public const int DefaultSegmentBytes = 8192;
        public const int DefaultMaxSegments = 12;
        public const int DefaultMaxPayloadBytes = 512;

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
    }
}

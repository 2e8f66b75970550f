namespace DoorController.Journal
{
    /// <summary>What the journal knows about one segment file without reading it again.</summary>
    public sealed class SegmentInfo
    {
        public uint Number;
        public string Name;

        /// <summary>Bytes in use: the end of the last valid record (or of the header); appends go here.</summary>
        public int Length;

        /// <summary>Valid records in the segment, and the first and last of their ids (0 when empty).</summary>
        public int Count;
        public long FirstId;
        public long LastId;

        /// <summary>Could not be read at recovery: kept (never deleted, never appended to) so a later boot can retry.</summary>
        public bool Unreadable;
    }
}

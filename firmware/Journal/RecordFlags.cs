namespace DoorController.Journal
{
    /// <summary>Bit flags stored with every record (one byte).</summary>
    public static class RecordFlags
    {
        public const int None = 0;

        /// <summary>The UTC timestamp was taken before the clock was synchronised; order by id, not by time.</summary>
        public const int ClockUncertain = 0x01;
    }
}

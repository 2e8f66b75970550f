namespace DoorController.Journal
{
    /// <summary>Flags stored with every record: in the compact format only <see cref="ClockUncertain"/>, as a bit of the
    /// record's type byte (RecordFormat); a new flag needs a bit there (bit 6 is reserved for it).</summary>
    public static class RecordFlags
    {
        public const int None = 0;

        /// <summary>The UTC timestamp was taken before the clock was synchronised; order by id, not by time.</summary>
        public const int ClockUncertain = 0x01;
    }
}

namespace DoorController.Contract
{
    /// <summary>
    /// What a journal record describes. Stored as one byte on flash, so values are fixed forever: add new types at
    /// the end, never renumber. Names for the wire come from <see cref="EventTypeNames"/> (no Enum.ToString on device).
    /// </summary>
    public enum EventType : byte
    {
        None = 0,
        AccessDecision = 1,
        DoorForced = 2,
        DoorHeldOpen = 3,
        RelayFault = 4,
        Tamper = 5,
        Boot = 6,
        CacheApplied = 7,
        ConsoleLogin = 8,
        JournalOverflow = 9,
        ClockSet = 10,
        DoorOpened = 11,
        GrantUnused = 12,
        OfficeMode = 13,
        InterlockRefused = 14
    }
}

namespace DoorController.Readers
{
    /// <summary>Which way the person is going (patent S114: entry/exit from the reader's location or use).</summary>
    public enum TravelDirection
    {
        Unknown = 0,
        Entry = 1,
        Exit = 2,
    }
}

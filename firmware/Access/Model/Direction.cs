namespace DoorController.Access
{
    /// <summary>Entry or exit of the reader's controlled area (S114). Values are stable.</summary>
    public enum Direction
    {
        Unknown = 0,
        Entry = 1,
        Exit = 2
    }
}

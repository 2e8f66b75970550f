namespace DoorController.Access
{
    /// <summary>
    /// How a reader tells entry from exit (S114, Figs 6A/6B). Values are stable.
    /// </summary>
    public enum ReaderUsage
    {
        /// <summary>From the area pair: moving into the more deeply nested area is an entry.</summary>
        ByAreas = 0,
        Entry = 1,
        Exit = 2,
        /// <summary>Alternates per user: inside the controlled area means this read is an exit.</summary>
        Toggle = 3,
        /// <summary>The request carries the direction (user pressed enter/exit, phone judged beacon strength).</summary>
        Ask = 4,
        /// <summary>The channel decides (Fig 6B): methods in <see cref="Reader.ExitMethodMask"/> exit, others enter.</summary>
        Channel = 5
    }
}

namespace DoorController.Provisioning
{
    /// <summary>What one received byte did to the line being typed.</summary>
    public enum ConsoleLineEvent
    {
        /// <summary>Nothing visible (swallowed LF after CR, ignored byte, byte past the length limit).</summary>
        None = 0,
        Appended = 1,
        Erased = 2,
        /// <summary>A complete, clean line is ready in <see cref="ConsoleLineAssembler.TakeLine"/>.</summary>
        Completed = 3,
        /// <summary>Enter on an empty line.</summary>
        Empty = 4,
        /// <summary>The line ended but was longer than the limit: discarded.</summary>
        TooLong = 5,
        /// <summary>The line ended but held control or non-ASCII bytes: discarded.</summary>
        Binary = 6,
        /// <summary>Ctrl-C: the line (and any multi-line input) is abandoned.</summary>
        Cancelled = 7
    }
}

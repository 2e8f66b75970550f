namespace DoorController.Server.Decisions
{
    /// <summary>An online decision's <see cref="System.Diagnostics.Stopwatch"/> timestamps, stage by stage
    /// (<see cref="DecisionStages"/>).</summary>
    public struct DecisionTimes
    {
        /// <summary>The request arrived on libmosquitto's network thread (which also decides it).</summary>
        public long Received;
        /// <summary>Decided and handed to the group-commit writer.</summary>
        public long Decided;
        /// <summary>The writer began the batch it is in.</summary>
        public long BatchStarted;
        /// <summary>The batch's statements ran; its COMMIT (WAL write and fsync) begins.</summary>
        public long Written;
        /// <summary>That batch committed (or failed).</summary>
        public long Committed;
    }
}

namespace DoorController.Door
{
    /// <summary>One door event, copied by value into and out of <see cref="DoorEventQueue"/>.</summary>
    public struct DoorEvent
    {
        public DoorEventKind Kind;

        /// <summary>The grant the event belongs to, 0 if none.</summary>
        public int GrantId;

        /// <summary>Kind-specific number (the new mode for <see cref="DoorEventKind.ModeChanged"/>), otherwise 0.</summary>
        public int Detail;

        /// <summary>Monotonic time of the event (<c>IClock.UptimeMilliseconds</c>).</summary>
        public long UptimeMilliseconds;

        /// <summary>The event is the second door's (its machine shares the first door's queue).</summary>
        public bool SecondDoor;

        public DoorEvent(DoorEventKind kind, int grantId, int detail, long uptimeMilliseconds)
        {
            Kind = kind;
            GrantId = grantId;
            Detail = detail;
            UptimeMilliseconds = uptimeMilliseconds;
            SecondDoor = false;
        }
    }
}

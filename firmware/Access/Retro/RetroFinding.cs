namespace DoorController.Access
{
    /// <summary>
    /// Fraud found after the fact in an event that was allowed offline (the patent: "the fraud is reported as
    /// determination result information after the fact"): which event, which rule, whom to notify.
    /// </summary>
    public sealed class RetroFinding
    {
        /// <summary>Position of the event in the list given to the check.</summary>
        public int EventIndex;
        public long Sequence;
        public int UserId;
        public UserAttribute Attribute;
        public int InviterId;
        public int ReaderId;
        public long AtUnix;
        public Direction Direction;
        public ReasonCode Rule;
        /// <summary>Route for (attribute, reader) from Fig 9B; null when nobody is to be notified.</summary>
        public NotificationRoute Route;
        public int RouteTargetBits;
    }
}

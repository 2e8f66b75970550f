namespace DoorController.Access
{
    /// <summary>
    /// One access event as the journal keeps it, for the retro check: who, where, when, which way, the outcome,
    /// and whether it was decided offline (its anti-passback and travel checks were skipped).
    /// </summary>
    public sealed class RetroEvent
    {
        /// <summary>Caller's id for the event (journal sequence number); copied into findings.</summary>
        public long Sequence;
        public int UserId;
        public int ReaderId;
        public long AtUnix;
        public Direction Direction;
        public bool Allowed;
        /// <summary>The decision was offline (<see cref="AccessDecision.PendingRetroCheck"/>).</summary>
        public bool DecidedOffline;
        /// <summary>The passage happened (door opened, or granted at a door without contact).</summary>
        public bool Passed = true;

        public static RetroEvent From(AccessDecision d, long sequence)
        {
            RetroEvent e = new RetroEvent();
            e.Sequence = sequence;
            e.UserId = d.UserId;
            e.ReaderId = d.ReaderId;
            e.AtUnix = d.AtUnix;
            e.Direction = d.Direction;
            e.Allowed = d.Allowed;
            e.DecidedOffline = d.PendingRetroCheck;
            e.Passed = d.Allowed && (d.PresenceCommitted || d.CommitPending);
            return e;
        }

        public static RetroEvent Of(long sequence, int userId, int readerId, long atUnix, Direction direction, bool allowed, bool decidedOffline)
        {
            RetroEvent e = new RetroEvent();
            e.Sequence = sequence;
            e.UserId = userId;
            e.ReaderId = readerId;
            e.AtUnix = atUnix;
            e.Direction = direction;
            e.Allowed = allowed;
            e.DecidedOffline = decidedOffline;
            e.Passed = allowed;
            return e;
        }
    }
}

namespace DoorController.Access
{
    /// <summary>
    /// A grant at a door with a contact whose passage is not committed yet (S116: presence moves when the door
    /// actually opens, so a person who badges and walks away is not counted inside). Copied out of the reused
    /// decision so the next decision cannot overwrite it; <see cref="AccessPipeline.DoorOpened"/> commits it.
    /// </summary>
    public sealed class AwaitedPassage
    {
        public bool Awaiting;
        public int UserId;
        public int ReaderId;
        public Direction Direction;

        /// <summary>The grant's time: the passage is recorded as of its decision.</summary>
        public long AtUnix;

        /// <summary>Takes the passage of <paramref name="decision"/> if it waits for the door; otherwise clears.</summary>
        public void Await(AccessDecision decision)
        {
            Awaiting = decision != null && decision.Allowed && decision.CommitPending;
            UserId = Awaiting ? decision.UserId : 0;
            ReaderId = Awaiting ? decision.ReaderId : 0;
            Direction = Awaiting ? decision.Direction : Direction.Unknown;
            AtUnix = Awaiting ? decision.AtUnix : 0;
        }

        /// <summary>The door relocked unused (or another grant replaced this one): nobody passed.</summary>
        public void Clear()
        {
            Awaiting = false;
        }
    }
}

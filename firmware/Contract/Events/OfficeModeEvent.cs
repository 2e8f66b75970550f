namespace DoorController.Contract
{
    /// <summary>
    /// Office mode (first-person-in) began or ended at a door: started by a designated person's entry during the
    /// door's window (<see cref="Seconds"/> to the window's end), ended by the window's end, a lockdown or the door's
    /// safe state (<see cref="EndReason"/>, a <c>DoorController.Door.OfficeModeEnd</c> value).
    /// </summary>
    public sealed class OfficeModeEvent : IEventPayload
    {
        public const int WindowEnded = 0;
        public const int Lockdown = 1;
        public const int Safe = 2;

        /// <summary>Door index on this controller.</summary>
        public int Door;

        /// <summary>True for the start, false for the end.</summary>
        public bool Started;

        /// <summary>On a start: how long the door is held unlocked.</summary>
        public int Seconds;

        /// <summary>On an end: why it ended.</summary>
        public int EndReason;

        public void Encode(PayloadWriter writer)
        {
            writer.WriteInt32(Door);
            writer.WriteBool(Started);
            writer.WriteInt32(Seconds);
            writer.WriteInt32(EndReason);
        }

        /// <summary>Fills this instance from a payload; false (fields unspecified) when it is malformed.</summary>
        public bool TryDecode(byte[] payload, int offset, int count)
        {
            PayloadReader reader = new PayloadReader(payload, offset, count);
            Door = reader.ReadInt32();
            Started = reader.ReadBool();
            Seconds = reader.ReadInt32();
            EndReason = reader.ReadInt32();
            return !reader.Failed;
        }

        /// <summary>Wire text of <see cref="EndReason"/>.</summary>
        public static string EndText(int reason)
        {
            switch (reason)
            {
                case WindowEnded: return "window-ended";
                case Lockdown: return "lockdown";
                case Safe: return "safe-state";
                default: return "unknown";
            }
        }
    }
}

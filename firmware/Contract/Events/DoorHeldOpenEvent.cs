namespace DoorController.Contract
{
    /// <summary>The door stayed open past its allowed time; a second record with Ended = true when it closes.</summary>
    public sealed class DoorHeldOpenEvent : IEventPayload
    {
        /// <summary>Door index on this controller.</summary>
        public int Door;

        /// <summary>How long it had been open when recorded.</summary>
        public long OpenMilliseconds;

        /// <summary>True when the door has closed again.</summary>
        public bool Ended;

        public void Encode(PayloadWriter writer)
        {
            writer.WriteInt32(Door);
            writer.WriteInt64(OpenMilliseconds);
            writer.WriteBool(Ended);
        }

        /// <summary>Fills this instance from a payload; false (fields unspecified) when it is malformed.</summary>
        public bool TryDecode(byte[] payload, int offset, int count)
        {
            PayloadReader reader = new PayloadReader(payload, offset, count);
            Door = reader.ReadInt32();
            OpenMilliseconds = reader.ReadInt64();
            Ended = reader.ReadBool();
            return !reader.Failed;
        }
    }
}

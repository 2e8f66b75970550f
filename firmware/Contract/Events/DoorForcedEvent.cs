namespace DoorController.Contract
{
    /// <summary>The door opened without a grant or an exit request (door contact vs relay state).</summary>
    public sealed class DoorForcedEvent : IEventPayload
    {
        /// <summary>Door index on this controller.</summary>
        public int Door;

        public void Encode(PayloadWriter writer)
        {
            writer.WriteInt32(Door);
        }

        /// <summary>Fills this instance from a payload; false (fields unspecified) when it is malformed.</summary>
        public bool TryDecode(byte[] payload, int offset, int count)
        {
            PayloadReader reader = new PayloadReader(payload, offset, count);
            Door = reader.ReadInt32();
            return !reader.Failed;
        }
    }
}

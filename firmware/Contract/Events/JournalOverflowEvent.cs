namespace DoorController.Contract
{
    /// <summary>The journal was full of unacknowledged events and dropped some (written when dropping starts and when it ends).</summary>
    public sealed class JournalOverflowEvent : IEventPayload
    {
        /// <summary>Events dropped in this overflow episode so far.</summary>
        public long Dropped;

        /// <summary>Events dropped over the device's life.</summary>
        public long DroppedTotal;

        /// <summary>True when space came back and the episode is over.</summary>
        public bool Ended;

        public void Encode(PayloadWriter writer)
        {
            writer.WriteInt64(Dropped);
            writer.WriteInt64(DroppedTotal);
            writer.WriteBool(Ended);
        }

        /// <summary>Fills this instance from a payload; false (fields unspecified) when it is malformed.</summary>
        public bool TryDecode(byte[] payload, int offset, int count)
        {
            PayloadReader reader = new PayloadReader(payload, offset, count);
            Dropped = reader.ReadInt64();
            DroppedTotal = reader.ReadInt64();
            Ended = reader.ReadBool();
            return !reader.Failed;
        }
    }
}

namespace DoorController.Contract
{
    /// <summary>The enclosure or a reader reported tampering, or the tamper condition cleared.</summary>
    public sealed class TamperEvent : IEventPayload
    {
        /// <summary>Tamper input index (0 = enclosure switch).</summary>
        public int Source;

        /// <summary>True when tampering started, false when it cleared.</summary>
        public bool Active;

        public void Encode(PayloadWriter writer)
        {
            writer.WriteInt32(Source);
            writer.WriteBool(Active);
        }

        /// <summary>Fills this instance from a payload; false (fields unspecified) when it is malformed.</summary>
        public bool TryDecode(byte[] payload, int offset, int count)
        {
            PayloadReader reader = new PayloadReader(payload, offset, count);
            Source = reader.ReadInt32();
            Active = reader.ReadBool();
            return !reader.Failed;
        }
    }
}

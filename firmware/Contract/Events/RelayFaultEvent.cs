namespace DoorController.Contract
{
    /// <summary>The lock relay did not reach the commanded state (feedback mismatch, driver error).</summary>
    public sealed class RelayFaultEvent : IEventPayload
    {
        /// <summary>Relay index on this controller.</summary>
        public int Relay;

        /// <summary>Driver-specific fault code.</summary>
        public int FaultCode;

        public void Encode(PayloadWriter writer)
        {
            writer.WriteInt32(Relay);
            writer.WriteInt32(FaultCode);
        }

        /// <summary>Fills this instance from a payload; false (fields unspecified) when it is malformed.</summary>
        public bool TryDecode(byte[] payload, int offset, int count)
        {
            PayloadReader reader = new PayloadReader(payload, offset, count);
            Relay = reader.ReadInt32();
            FaultCode = reader.ReadInt32();
            return !reader.Failed;
        }
    }
}

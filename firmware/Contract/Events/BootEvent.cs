namespace DoorController.Contract
{
    /// <summary>The controller started; written once per boot after recovery.</summary>
    public sealed class BootEvent : IEventPayload
    {
        /// <summary>Firmware version text.</summary>
        public string FirmwareVersion;

        /// <summary>Platform reset cause code.</summary>
        public int ResetReason;

        /// <summary>Journal boot counter of this boot.</summary>
        public long BootCounter;

        /// <summary>Unacknowledged records found by recovery.</summary>
        public int RecoveredRecords;

        /// <summary>Bytes of torn tail removed by recovery.</summary>
        public int TruncatedBytes;

        public void Encode(PayloadWriter writer)
        {
            writer.WriteString(FirmwareVersion);
            writer.WriteInt32(ResetReason);
            writer.WriteInt64(BootCounter);
            writer.WriteInt32(RecoveredRecords);
            writer.WriteInt32(TruncatedBytes);
        }

        /// <summary>Fills this instance from a payload; false (fields unspecified) when it is malformed.</summary>
        public bool TryDecode(byte[] payload, int offset, int count)
        {
            PayloadReader reader = new PayloadReader(payload, offset, count);
            FirmwareVersion = reader.ReadString();
            ResetReason = reader.ReadInt32();
            BootCounter = reader.ReadInt64();
            RecoveredRecords = reader.ReadInt32();
            TruncatedBytes = reader.ReadInt32();
            return !reader.Failed;
        }
    }
}

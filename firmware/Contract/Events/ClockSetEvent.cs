namespace DoorController.Contract
{
    /// <summary>The wall clock became certain; lets the server re-date earlier uncertain records.</summary>
    public sealed class ClockSetEvent : IEventPayload
    {
        /// <summary>The server's authenticated clock answer, the only source that makes the time certain.</summary>
        public const int SourceServer = 1;

        /// <summary>Clock reading before the change, Unix ms.</summary>
        public long PreviousUtcMilliseconds;

        /// <summary>Clock reading after the change, Unix ms.</summary>
        public long NewUtcMilliseconds;

        /// <summary>Who set it: <see cref="SourceServer"/>.</summary>
        public int Source;

        public void Encode(PayloadWriter writer)
        {
            writer.WriteInt64(PreviousUtcMilliseconds);
            writer.WriteInt64(NewUtcMilliseconds);
            writer.WriteInt32(Source);
        }

        /// <summary>Fills this instance from a payload; false (fields unspecified) when it is malformed.</summary>
        public bool TryDecode(byte[] payload, int offset, int count)
        {
            PayloadReader reader = new PayloadReader(payload, offset, count);
            PreviousUtcMilliseconds = reader.ReadInt64();
            NewUtcMilliseconds = reader.ReadInt64();
            Source = reader.ReadInt32();
            return !reader.Failed;
        }
    }
}

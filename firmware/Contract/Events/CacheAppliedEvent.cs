namespace DoorController.Contract
{
    /// <summary>A credential/rule cache bundle from the server was verified and applied.</summary>
    public sealed class CacheAppliedEvent : IEventPayload
    {
        /// <summary>Version of the applied bundle.</summary>
        public long CacheVersion;

        /// <summary>Entries in the cache after applying.</summary>
        public int EntryCount;

        /// <summary>True for a full replacement, false for a delta.</summary>
        public bool Full;

        public void Encode(PayloadWriter writer)
        {
            writer.WriteInt64(CacheVersion);
            writer.WriteInt32(EntryCount);
            writer.WriteBool(Full);
        }

        /// <summary>Fills this instance from a payload; false (fields unspecified) when it is malformed.</summary>
        public bool TryDecode(byte[] payload, int offset, int count)
        {
            PayloadReader reader = new PayloadReader(payload, offset, count);
            CacheVersion = reader.ReadInt64();
            EntryCount = reader.ReadInt32();
            Full = reader.ReadBool();
            return !reader.Failed;
        }
    }
}

namespace DoorController.Contract
{
    /// <summary>A technician login attempt on the serial console.</summary>
    public sealed class ConsoleLoginEvent : IEventPayload
    {
        /// <summary>Login name given.</summary>
        public string User;

        /// <summary>Whether the login was accepted.</summary>
        public bool Success;

        /// <summary>Console channel index (0 = serial).</summary>
        public int Channel;

        public void Encode(PayloadWriter writer)
        {
            writer.WriteString(User);
            writer.WriteBool(Success);
            writer.WriteInt32(Channel);
        }

        /// <summary>Fills this instance from a payload; false (fields unspecified) when it is malformed.</summary>
        public bool TryDecode(byte[] payload, int offset, int count)
        {
            PayloadReader reader = new PayloadReader(payload, offset, count);
            User = reader.ReadString();
            Success = reader.ReadBool();
            Channel = reader.ReadInt32();
            return !reader.Failed;
        }
    }
}

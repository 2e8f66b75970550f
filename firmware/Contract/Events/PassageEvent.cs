namespace DoorController.Contract
{
    /// <summary>
    /// What the door did with a person's grant, at a door with a contact: it opened (<see cref="EventType.DoorOpened"/>,
    /// the person passed and presence moves) or relocked unused (<see cref="EventType.GrantUnused"/>, nobody passed and
    /// presence stays). Linked to the grant's own access_decision record by its journal id and, for a decision the
    /// server made or may have made, by the decision request's id (the key of the server's row).
    /// </summary>
    public sealed class PassageEvent : IEventPayload
    {
        /// <summary>The door, as the server numbers it.</summary>
        public int Door;

        /// <summary>Journal id of the access_decision record of the grant.</summary>
        public long GrantEvent;

        /// <summary>The grant's decision request id (online, or settled locally past its deadline); "" otherwise.</summary>
        public string RequestId;

        public void Encode(PayloadWriter writer)
        {
            writer.WriteInt32(Door);
            writer.WriteInt64(GrantEvent);
            writer.WriteString(RequestId);
        }

        /// <summary>Fills this instance from a payload; false (fields unspecified) when it is malformed.</summary>
        public bool TryDecode(byte[] payload, int offset, int count)
        {
            PayloadReader reader = new PayloadReader(payload, offset, count);
            Door = reader.ReadInt32();
            GrantEvent = reader.ReadInt64();
            RequestId = reader.ReadString();
            return !reader.Failed;
        }
    }
}

namespace DoorController.Contract
{
    /// <summary>
    /// Interlock (mantrap): the door kept its lock locked because the other door of the controller was open or
    /// unlocked — an exit button press (<see cref="ExitButton"/>), or an unlock that reached the door after a
    /// decision (a grant that raced the other door opening, a remote unlock, a relay test: <see cref="Unlock"/>).
    /// Credential requests refused by the rule itself are access decisions with reason "interlock".
    /// </summary>
    public sealed class InterlockRefusedEvent : IEventPayload
    {
        public const int ExitButton = 0;
        public const int Unlock = 1;

        /// <summary>The door that stayed locked, as the server numbers it.</summary>
        public int Door;

        /// <summary>What asked for the release.</summary>
        public int Source;

        public void Encode(PayloadWriter writer)
        {
            writer.WriteInt32(Door);
            writer.WriteInt32(Source);
        }

        /// <summary>Fills this instance from a payload; false (fields unspecified) when it is malformed.</summary>
        public bool TryDecode(byte[] payload, int offset, int count)
        {
            PayloadReader reader = new PayloadReader(payload, offset, count);
            Door = reader.ReadInt32();
            Source = reader.ReadInt32();
            return !reader.Failed;
        }
    }
}

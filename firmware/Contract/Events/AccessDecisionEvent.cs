namespace DoorController.Contract
{
    /// <summary>
    /// One access decision (patent S112-S117 / S217), in primitive fields so the journal does not depend on the
    /// decision-core types. Reason, direction and method carry the core's enum values as ints. Keep one instance
    /// per decision thread and refill it: encoding allocates nothing.
    /// Layout: flags byte (online, allowed, fraud, pending retro, clock uncertain, duress), reason, direction, method
    /// (zigzag varints), user id, reader id (UTF-8 strings), credential hash (length-prefixed bytes, 16 normally),
    /// request id (UTF-8 string; records written before it existed end at the hash and read as "").
    /// </summary>
    public sealed class AccessDecisionEvent : IEventPayload
    {
        private const int OnlineBit = 0x01;
        private const int AllowedBit = 0x02;
        private const int FraudBit = 0x04;
        private const int PendingRetroBit = 0x08;
        private const int ClockUncertainBit = 0x10;
        private const int DuressBit = 0x20;

        /// <summary>True when the server decided (online mode), false when the controller decided from its cache.</summary>
        public bool Online;
        public bool Allowed;
        public int Reason;
        public int Direction;

        /// <summary>The decision detected a fraud pattern (e.g. anti-passback violation).</summary>
        public bool Fraud;

        /// <summary>An offline grant whose anti-passback check the server must do retroactively.</summary>
        public bool PendingRetro;
        public string UserId;
        public string ReaderId;

        /// <summary>Keyed hash of the credential (16 bytes, KeyedHash.CredentialHashLength); never the raw credential.</summary>
        public byte[] CredentialHash;
        public int Method;
        public bool ClockUncertain;

        /// <summary>Decided offline on the person's duress code: the server raises the silent alert on replay.</summary>
        public bool Duress;

        /// <summary>
        /// Online decisions: the decision request's id, which with the controller names the server's own row of the
        /// decision, so the replayed event links to that row instead of becoming a second one. "" offline.
        /// </summary>
        public string RequestId;

        public void Encode(PayloadWriter writer)
        {
            int bits = (Online ? OnlineBit : 0) | (Allowed ? AllowedBit : 0) | (Fraud ? FraudBit : 0)
                | (PendingRetro ? PendingRetroBit : 0) | (ClockUncertain ? ClockUncertainBit : 0)
                | (Duress ? DuressBit : 0);
            writer.WriteByte(bits);
            writer.WriteInt32(Reason);
            writer.WriteInt32(Direction);
            writer.WriteInt32(Method);
            writer.WriteString(UserId);
            writer.WriteString(ReaderId);
            writer.WriteBytes(CredentialHash);
            writer.WriteString(RequestId);
        }

        /// <summary>Fills this instance from a payload; false (fields unspecified) when it is malformed.</summary>
        public bool TryDecode(byte[] payload, int offset, int count)
        {
            PayloadReader reader = new PayloadReader(payload, offset, count);
            int bits = reader.ReadByte();
            Online = (bits & OnlineBit) != 0;
            Allowed = (bits & AllowedBit) != 0;
            Fraud = (bits & FraudBit) != 0;
            PendingRetro = (bits & PendingRetroBit) != 0;
            ClockUncertain = (bits & ClockUncertainBit) != 0;
            Duress = (bits & DuressBit) != 0;
            Reason = reader.ReadInt32();
            Direction = reader.ReadInt32();
            Method = reader.ReadInt32();
            UserId = reader.ReadString();
            ReaderId = reader.ReadString();
            CredentialHash = reader.ReadBytes();
            RequestId = reader.Remaining > 0 ? reader.ReadString() : "";
            return !reader.Failed;
        }
    }
}

using DoorController.Access;
using DoorController.Core;

namespace DoorController.Contract
{
    /// <summary>
    /// One access decision (patent S112-S117 / S217), in primitive fields so the journal does not depend on the
    /// decision-core types. Reason, direction and method carry the core's enum values as ints. Keep one instance
    /// per decision thread and refill it: encoding allocates nothing.
    /// The journal keeps only the first <see cref="CredentialPrefixLength"/> bytes of the credential hash (the bytes the
    /// credential store keeps, docs/cache.md); the server maps them back to the credential (docs/events.md).
    /// Compact layout (first byte has <see cref="CompactBit"/>): flags byte (online, allowed, fraud, pending retro, clock
    /// uncertain, duress), shape byte (direction bits 0-1, method bits 2-4, numeric user 0x20, numeric reader 0x40,
    /// request id present 0x80), reason (zigzag varint), user and reader (varint when a plain decimal number, else
    /// UTF-8 string), the hash prefix (7 bytes, no length), the request id (UTF-8 string) when present.
    /// Legacy layout (journals written before it, and values the compact one cannot hold): flags byte, reason,
    /// direction, method (zigzag varints), user id, reader id (UTF-8 strings), credential hash (length-prefixed bytes:
    /// 16 in old journals), request id (UTF-8 string; older records end at the hash and read as "").
    /// </summary>
    public sealed class AccessDecisionEvent : IEventPayload
    {
        /// <summary>Hash bytes a journalled decision keeps: the credential store's (CredentialStoreFormat.HashBytes).</summary>
        public const int CredentialPrefixLength = CredentialStoreFormat.HashBytes;

        private const int OnlineBit = 0x01;
        private const int AllowedBit = 0x02;
        private const int FraudBit = 0x04;
        private const int PendingRetroBit = 0x08;
        private const int ClockUncertainBit = 0x10;
        private const int DuressBit = 0x20;
        private const int CompactBit = 0x40;

        private const int MethodShift = 2;
        private const int NumericUserBit = 0x20;
        private const int NumericReaderBit = 0x40;
        private const int RequestIdBit = 0x80;

        // The yes/no fields are the record's flag bits, kept in one field: nanoCLR gives every field a 12-byte heap block
        // and the controller keeps two of these for its life (docs/hardware.md).
        private int _flags;

        /// <summary>True when the server decided (online mode), false when the controller decided from its cache.</summary>
        public bool Online
        {
            get { return Bits.Has(_flags, OnlineBit); }
            set { _flags = Bits.With(_flags, OnlineBit, value); }
        }
        public bool Allowed
        {
            get { return Bits.Has(_flags, AllowedBit); }
            set { _flags = Bits.With(_flags, AllowedBit, value); }
        }
        public int Reason;
        public int Direction;

        /// <summary>The decision detected a fraud pattern (e.g. anti-passback violation).</summary>
        public bool Fraud
        {
            get { return Bits.Has(_flags, FraudBit); }
            set { _flags = Bits.With(_flags, FraudBit, value); }
        }

        /// <summary>An offline grant whose anti-passback check the server must do retroactively.</summary>
        public bool PendingRetro
        {
            get { return Bits.Has(_flags, PendingRetroBit); }
            set { _flags = Bits.With(_flags, PendingRetroBit, value); }
        }
        public string UserId;
        public string ReaderId;

        /// <summary>
        /// Keyed hash of the credential, never the raw credential: the full 16 bytes (KeyedHash.CredentialHashLength)
        /// when the decision sets it; after a trip through the journal its first <see cref="CredentialPrefixLength"/>
        /// bytes (16 from a journal written before the compact format).
        /// </summary>
        public byte[] CredentialHash;
        public int Method;
        public bool ClockUncertain
        {
            get { return Bits.Has(_flags, ClockUncertainBit); }
            set { _flags = Bits.With(_flags, ClockUncertainBit, value); }
        }

        /// <summary>Decided offline on the person's duress code: the server raises the silent alert on replay.</summary>
        public bool Duress
        {
            get { return Bits.Has(_flags, DuressBit); }
            set { _flags = Bits.With(_flags, DuressBit, value); }
        }

        /// <summary>
        /// Online decisions: the decision request's id, which with the controller names the server's own row of the
        /// decision, so the replayed event links to that row instead of becoming a second one. "" offline.
        /// </summary>
        public string RequestId;

        /// <summary>True when <see cref="CredentialHash"/> holds only the journal's prefix, not a whole hash.</summary>
        public bool CredentialIsPrefix
        {
            get { return CredentialHash != null && CredentialHash.Length == CredentialPrefixLength; }
        }

        public void Encode(PayloadWriter writer)
        {
            int bits = _flags;
            int hashBytes = CredentialHash == null ? 0 : CredentialHash.Length < CredentialPrefixLength ? CredentialHash.Length : CredentialPrefixLength;
            if (Direction < 0 || Direction > 3 || Method < 0 || Method > 7 || hashBytes != CredentialPrefixLength)
            {
                EncodeLegacy(writer, bits, hashBytes);
                return;
            }
            int user = DecimalValue(UserId);
            int reader = DecimalValue(ReaderId);
            bool hasRequest = RequestId != null && RequestId.Length > 0;
            writer.WriteByte(bits | CompactBit);
            writer.WriteByte(Direction | (Method << MethodShift) | (user >= 0 ? NumericUserBit : 0)
                | (reader >= 0 ? NumericReaderBit : 0) | (hasRequest ? RequestIdBit : 0));
            writer.WriteInt32(Reason);
            WriteId(writer, user, UserId);
            WriteId(writer, reader, ReaderId);
            for (int i = 0; i < CredentialPrefixLength; i++)
            {
                writer.WriteByte(CredentialHash[i]);
            }
            if (hasRequest)
            {
                writer.WriteString(RequestId);
            }
        }

        /// <summary>Fills this instance from a payload of either layout; false (fields unspecified) when it is malformed.</summary>
        public bool TryDecode(byte[] payload, int offset, int count)
        {
            PayloadReader reader = new PayloadReader(payload, offset, count);
            int bits = reader.ReadByte();
            _flags = bits & (OnlineBit | AllowedBit | FraudBit | PendingRetroBit | ClockUncertainBit | DuressBit);
            if ((bits & CompactBit) == 0)
            {
                Reason = reader.ReadInt32();
                Direction = reader.ReadInt32();
                Method = reader.ReadInt32();
                UserId = reader.ReadString();
                ReaderId = reader.ReadString();
                CredentialHash = reader.ReadBytes();
                RequestId = reader.Remaining > 0 ? reader.ReadString() : "";
                return !reader.Failed;
            }
            int shape = reader.ReadByte();
            Direction = shape & 0x03;
            Method = (shape >> MethodShift) & 0x07;
            Reason = reader.ReadInt32();
            UserId = ReadId(reader, (shape & NumericUserBit) != 0);
            ReaderId = ReadId(reader, (shape & NumericReaderBit) != 0);
            CredentialHash = new byte[CredentialPrefixLength];
            for (int i = 0; i < CredentialPrefixLength; i++)
            {
                CredentialHash[i] = (byte)reader.ReadByte();
            }
            RequestId = (shape & RequestIdBit) != 0 ? reader.ReadString() : "";
            return !reader.Failed && reader.Remaining == 0 && UserId != null && ReaderId != null;
        }

        private void EncodeLegacy(PayloadWriter writer, int bits, int hashBytes)
        {
            writer.WriteByte(bits);
            writer.WriteInt32(Reason);
            writer.WriteInt32(Direction);
            writer.WriteInt32(Method);
            writer.WriteString(UserId);
            writer.WriteString(ReaderId);
            writer.WriteBytes(CredentialHash, 0, hashBytes);
            writer.WriteString(RequestId);
        }

        private static void WriteId(PayloadWriter writer, int value, string text)
        {
            if (value >= 0)
            {
                writer.WriteInt32(value);
            }
            else
            {
                writer.WriteString(text);
            }
        }

        private static string ReadId(PayloadReader reader, bool numeric)
        {
            if (!numeric)
            {
                return reader.ReadString();
            }
            int value = reader.ReadInt32();
            return value >= 0 ? value.ToString() : null;
        }

        /// <summary>The value of a plain decimal number ("0", or 1-9 digits without a leading zero), else -1: only such
        /// an id reads back as the same text from its number.</summary>
        private static int DecimalValue(string text)
        {
            if (text == null || text.Length == 0 || text.Length > 9 || (text[0] == '0' && text.Length > 1))
            {
                return -1;
            }
            int value = 0;
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c < '0' || c > '9')
                {
                    return -1;
                }
                value = value * 10 + (c - '0');
            }
            return value;
        }
    }
}

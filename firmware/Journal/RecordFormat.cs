using DoorController.Core;
using DoorController.Contract;

namespace DoorController.Journal
{
    /// <summary>
    /// On-flash layout (little-endian). A segment file starts with an 8-byte header ("DCJ1" + segment number), then
    /// records back to back:
    /// <code>
    ///  0  u16 marker 0x4AA5      resynchronisation point after a damaged region
    ///  2  u16 payload length     bounded by JournalOptions.MaxPayloadBytes
    ///  4  u8  type               EventType
    ///  5  u8  flags              RecordFlags
    ///  6  i64 event id           EventId (boot &lt;&lt; 32 | sequence)
    /// 14  i64 UTC Unix ms
    /// 22  i64 uptime ms          monotonic since the boot that wrote it
    /// 30  payload
    /// 30+n u32 CRC-32 of bytes 0 .. 30+n
    /// </code>
    /// </summary>
    public static class RecordFormat
    {
        public const int HeaderLength = 30;
        public const int CrcLength = 4;
        public const int Overhead = HeaderLength + CrcLength;
        public const ushort Marker = 0x4AA5;
        public const int SegmentHeaderLength = 8;

        private const int LengthOffset = 2;
        private const int TypeOffset = 4;
        private const int FlagsOffset = 5;
        private const int IdOffset = 6;
        private const int UtcOffset = 14;
        private const int UptimeOffset = 22;

        /// <summary>Writes the header for a payload already placed at HeaderLength, then the CRC; returns the record size.</summary>
        public static int Seal(byte[] buffer, int payloadLength, EventType type, int flags, long id, long utcMs, long uptimeMs)
        {
            LittleEndian.WriteUInt16(buffer, 0, Marker);
            LittleEndian.WriteUInt16(buffer, LengthOffset, (ushort)payloadLength);
            buffer[TypeOffset] = (byte)type;
            buffer[FlagsOffset] = (byte)flags;
            LittleEndian.WriteInt64(buffer, IdOffset, id);
            LittleEndian.WriteInt64(buffer, UtcOffset, utcMs);
            LittleEndian.WriteInt64(buffer, UptimeOffset, uptimeMs);
            int crcAt = HeaderLength + payloadLength;
            LittleEndian.WriteUInt32(buffer, crcAt, Crc32.Compute(buffer, 0, crcAt));
            return crcAt + CrcLength;
        }

        /// <summary>
        /// Payload length claimed by a header at <paramref name="offset"/>, or -1 when the marker is wrong or the length
        /// exceeds <paramref name="maxPayload"/>. Only a CRC match (see <see cref="IsValid"/>) makes a record real.
        /// </summary>
        public static int PayloadLengthAt(byte[] buffer, int offset, int maxPayload)
        {
            if (LittleEndian.ReadUInt16(buffer, offset) != Marker)
            {
                return -1;
            }
            int length = LittleEndian.ReadUInt16(buffer, offset + LengthOffset);
            return length > maxPayload ? -1 : length;
        }

        public static bool IsValid(byte[] buffer, int offset, int payloadLength)
        {
            int crcAt = offset + HeaderLength + payloadLength;
            return LittleEndian.ReadUInt32(buffer, crcAt) == Crc32.Compute(buffer, offset, HeaderLength + payloadLength)
                && IdAt(buffer, offset) > 0;
        }

        public static long IdAt(byte[] buffer, int offset)
        {
            return LittleEndian.ReadInt64(buffer, offset + IdOffset);
        }

        /// <summary>Copies a validated record at <paramref name="offset"/> into <paramref name="record"/>.</summary>
        public static void Decode(byte[] buffer, int offset, int payloadLength, JournalRecord record)
        {
            record.Type = (EventType)buffer[offset + TypeOffset];
            record.Flags = buffer[offset + FlagsOffset];
            record.Id = LittleEndian.ReadInt64(buffer, offset + IdOffset);
            record.UtcMilliseconds = LittleEndian.ReadInt64(buffer, offset + UtcOffset);
            record.UptimeMilliseconds = LittleEndian.ReadInt64(buffer, offset + UptimeOffset);
            if (record.Payload == null || record.Payload.Length < payloadLength)
            {
                record.Payload = new byte[payloadLength];
            }
            System.Array.Copy(buffer, offset + HeaderLength, record.Payload, 0, payloadLength);
            record.PayloadLength = payloadLength;
        }

        /// <summary>The 8-byte segment header: "DCJ1" then the segment number.</summary>
        public static void WriteSegmentHeader(byte[] buffer, uint segmentNumber)
        {
            buffer[0] = (byte)'D';
            buffer[1] = (byte)'C';
            buffer[2] = (byte)'J';
            buffer[3] = (byte)'1';
            LittleEndian.WriteUInt32(buffer, 4, segmentNumber);
        }
    }
}

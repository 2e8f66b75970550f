using DoorController.Core;
using DoorController.Contract;

namespace DoorController.Journal
{
    /// <summary>
    /// The journal's first on-flash layout ("DCJ1" segments, firmware before the compact format), read-only: a journal
    /// written by an older firmware is replayed as it is after an update, and its segments are deleted once
    /// acknowledged, like any other. New records are never written this way. Little-endian, after an 8-byte segment
    /// header ("DCJ1" + the segment number):
    /// <code>
    ///  0  u16 marker 0x4AA5
    ///  2  u16 payload length n
    ///  4  u8  type, 5 u8 flags, 6 i64 event id, 14 i64 UTC Unix ms, 22 i64 uptime ms
    /// 30  payload, then u32 CRC-32 of bytes 0 .. 30+n
    /// </code>
    /// </summary>
    public static class LegacyRecordFormat
    {
        public const int HeaderLength = 30;
        public const int CrcLength = 4;
        public const int Overhead = HeaderLength + CrcLength;
        public const ushort Marker = 0x4AA5;
        public const int SegmentHeaderLength = 8;
        public const uint SegmentMagic = 0x314A4344; // "DCJ1" read little-endian

        private const int LengthOffset = 2;
        private const int TypeOffset = 4;
        private const int FlagsOffset = 5;
        private const int IdOffset = 6;
        private const int UtcOffset = 14;
        private const int UptimeOffset = 22;

        /// <summary>Size the record at <paramref name="offset"/> claims (marker and length), or -1.</summary>
        public static int ClaimedLength(byte[] buffer, int offset, int maxPayload)
        {
            if (LittleEndian.ReadUInt16(buffer, offset) != Marker)
            {
                return -1;
            }
            int payloadLength = LittleEndian.ReadUInt16(buffer, offset + LengthOffset);
            return payloadLength > maxPayload ? -1 : Overhead + payloadLength;
        }

        /// <summary>True when the CRC-32 of the claimed <paramref name="size"/> bytes matches and the id is positive.</summary>
        public static bool IsValid(byte[] buffer, int offset, int size)
        {
            int crcAt = offset + size - CrcLength;
            return LittleEndian.ReadUInt32(buffer, crcAt) == Crc32.Compute(buffer, offset, size - CrcLength)
                && IdAt(buffer, offset) > 0;
        }

        public static long IdAt(byte[] buffer, int offset)
        {
            return LittleEndian.ReadInt64(buffer, offset + IdOffset);
        }

        /// <summary>Copies a validated record of <paramref name="size"/> bytes into <paramref name="record"/>.</summary>
        public static void Decode(byte[] buffer, int offset, int size, JournalRecord record)
        {
            record.Type = (EventType)buffer[offset + TypeOffset];
            record.Flags = buffer[offset + FlagsOffset];
            record.Id = LittleEndian.ReadInt64(buffer, offset + IdOffset);
            record.UtcMilliseconds = LittleEndian.ReadInt64(buffer, offset + UtcOffset);
            record.UptimeMilliseconds = LittleEndian.ReadInt64(buffer, offset + UptimeOffset);
            record.SetPayload(buffer, offset + HeaderLength, size - Overhead);
        }
    }
}

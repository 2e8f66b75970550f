using DoorController.Core;
using DoorController.Contract;

namespace DoorController.Journal
{
    /// <summary>
    /// A segment's header, kept as its 28 bytes (a byte array costs less managed heap than an object with fields). A
    /// compact segment ("DCJ2") starts with, little-endian: magic, segment number, the id's boot and sequence (4 bytes
    /// each), then UTC and uptime at the segment's creation (6-byte signed milliseconds: ±4,000 years); <see cref="RecordFormat"/> stores each record as small deltas against
    /// them. A legacy segment ("DCJ1", <see cref="LegacyRecordFormat"/>) has only magic and number and is never
    /// appended to. An array whose first byte is <see cref="Unread"/> or <see cref="Invalid"/> holds no header.
    /// </summary>
    public static class SegmentHeader
    {
        public const int Length = 28;
        public const uint Magic = 0x324A4344; // "DCJ2" read little-endian

        public const int NoHeader = 0;
        public const int Legacy = 1;
        public const int Compact = 2;

        /// <summary>First byte of a header array not read yet (no header starts with it: magics start with 'D').</summary>
        public const byte Unread = 0;

        /// <summary>First byte of a header array of a segment without a valid header (torn at creation).</summary>
        public const byte Invalid = 0xFF;

        /// <summary>Writes a new compact header after id <paramref name="lastId"/> (the last id of this boot, or the boot with sequence 0).</summary>
        public static void Start(byte[] header, uint number, long lastId, long utcMilliseconds, long uptimeMilliseconds)
        {
            LittleEndian.WriteUInt32(header, 0, Magic);
            LittleEndian.WriteUInt32(header, 4, number);
            LittleEndian.WriteUInt32(header, 8, EventId.BootOf(lastId));
            LittleEndian.WriteUInt32(header, 12, EventId.SequenceOf(lastId));
            Write48(header, 16, utcMilliseconds);
            Write48(header, 22, uptimeMilliseconds);
        }

        /// <summary>
        /// Copies the header of segment <paramref name="number"/> from the <paramref name="available"/> bytes at
        /// <paramref name="offset"/> into <paramref name="header"/>, or marks it <see cref="Invalid"/>.
        /// </summary>
        public static void Read(byte[] source, int offset, int available, uint number, byte[] header)
        {
            header[0] = Invalid;
            if (available < LegacyRecordFormat.SegmentHeaderLength || LittleEndian.ReadUInt32(source, offset + 4) != number)
            {
                return;
            }
            uint magic = LittleEndian.ReadUInt32(source, offset);
            if (magic == LegacyRecordFormat.SegmentMagic || (magic == Magic && available >= Length))
            {
                System.Array.Copy(source, offset, header, 0, magic == Magic ? Length : LegacyRecordFormat.SegmentHeaderLength);
            }
        }

        public static int Version(byte[] header)
        {
            if (header[0] == Unread || header[0] == Invalid)
            {
                return NoHeader;
            }
            uint magic = LittleEndian.ReadUInt32(header, 0);
            return magic == Magic ? Compact : magic == LegacyRecordFormat.SegmentMagic ? Legacy : NoHeader;
        }

        /// <summary>Where the first record starts (0 without a valid header).</summary>
        public static int FirstRecord(byte[] header)
        {
            int version = Version(header);
            return version == Compact ? Length : version == Legacy ? LegacyRecordFormat.SegmentHeaderLength : 0;
        }

        public static uint Boot(byte[] header) { return LittleEndian.ReadUInt32(header, 8); }

        public static uint Sequence(byte[] header) { return LittleEndian.ReadUInt32(header, 12); }

        public static long Utc(byte[] header) { return Read48(header, 16); }

        public static long Uptime(byte[] header) { return Read48(header, 22); }

        private static void Write48(byte[] buffer, int offset, long value)
        {
            for (int i = 0; i < 6; i++)
            {
                buffer[offset + i] = (byte)(value >> (8 * i));
            }
        }

        /// <summary>Sign-extended 48-bit little-endian value.</summary>
        private static long Read48(byte[] buffer, int offset)
        {
            long value = 0;
            for (int i = 5; i >= 0; i--)
            {
                value = (value << 8) | buffer[offset + i];
            }
            return (value << 16) >> 16;
        }
    }
}

using DoorController.Core;
using DoorController.Contract;

namespace DoorController.Journal
{
    /// <summary>
    /// A segment's header and the values its compact records are written against. A compact segment ("DCJ2") starts
    /// with 32 bytes, little-endian: magic, segment number, then the id's boot and sequence, UTC and uptime at the
    /// segment's creation (<see cref="RecordFormat"/> stores each record as small deltas against them). A legacy
    /// segment ("DCJ1", <see cref="LegacyRecordFormat"/>) has only magic and number and is never appended to.
    /// </summary>
    public sealed class SegmentBase
    {
        public const int HeaderLength = 32;
        public const uint Magic = 0x324A4344; // "DCJ2" read little-endian

        /// <summary>No valid header (torn at creation, or not a journal segment): no record in it can be read.</summary>
        public const int NoHeader = 0;
        public const int Legacy = 1;
        public const int Compact = 2;

        public int Version;
        public uint Boot;
        public uint Sequence;
        public long UtcMilliseconds;
        public long UptimeMilliseconds;

        /// <summary>Where the first record starts (0 without a valid header).</summary>
        public int FirstRecord
        {
            get { return Version == Compact ? HeaderLength : Version == Legacy ? LegacyRecordFormat.SegmentHeaderLength : 0; }
        }

        /// <summary>A new compact segment after id <paramref name="lastId"/> (the journal's last id of this boot, or the boot with sequence 0).</summary>
        public void Start(long lastId, long utcMilliseconds, long uptimeMilliseconds)
        {
            Version = Compact;
            Boot = EventId.BootOf(lastId);
            Sequence = EventId.SequenceOf(lastId);
            UtcMilliseconds = utcMilliseconds;
            UptimeMilliseconds = uptimeMilliseconds;
        }

        public void Write(byte[] buffer, uint number)
        {
            LittleEndian.WriteUInt32(buffer, 0, Magic);
            LittleEndian.WriteUInt32(buffer, 4, number);
            LittleEndian.WriteUInt32(buffer, 8, Boot);
            LittleEndian.WriteUInt32(buffer, 12, Sequence);
            LittleEndian.WriteInt64(buffer, 16, UtcMilliseconds);
            LittleEndian.WriteInt64(buffer, 24, UptimeMilliseconds);
        }

        /// <summary>Reads the header of segment <paramref name="number"/> from the <paramref name="available"/> bytes at <paramref name="offset"/>; sets <see cref="Version"/>.</summary>
        public void Read(byte[] buffer, int offset, int available, uint number)
        {
            Version = NoHeader;
            if (available < LegacyRecordFormat.SegmentHeaderLength || LittleEndian.ReadUInt32(buffer, offset + 4) != number)
            {
                return;
            }
            uint magic = LittleEndian.ReadUInt32(buffer, offset);
            if (magic == LegacyRecordFormat.SegmentMagic)
            {
                Version = Legacy;
            }
            else if (magic == Magic && available >= HeaderLength)
            {
                Version = Compact;
                Boot = LittleEndian.ReadUInt32(buffer, offset + 8);
                Sequence = LittleEndian.ReadUInt32(buffer, offset + 12);
                UtcMilliseconds = LittleEndian.ReadInt64(buffer, offset + 16);
                UptimeMilliseconds = LittleEndian.ReadInt64(buffer, offset + 24);
            }
        }

        public void CopyFrom(SegmentBase other)
        {
            Version = other.Version;
            Boot = other.Boot;
            Sequence = other.Sequence;
            UtcMilliseconds = other.UtcMilliseconds;
            UptimeMilliseconds = other.UptimeMilliseconds;
        }
    }
}

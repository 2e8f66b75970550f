using DoorController.Contract;

namespace DoorController.Journal
{
    /// <summary>
    /// The compact on-flash record (docs/journal.md, "On flash"), written against its segment's <see cref="SegmentHeader"/>:
    /// <code>
    /// u8      marker 0xA5                          resynchronisation point after a damaged region
    /// varint  n: bytes from the type byte to the end of the payload (1 byte below 128, else 2)
    /// u8      type (bits 0-4) | other boot (bit 5) | 0 (bit 6) | clock uncertain (bit 7)
    /// varint  boot                                 only with "other boot": the id's boot counter
    /// varint  sequence                             same boot: sequence - base sequence (>= 1); other boot: the sequence
    /// varint  zigzag(UTC - base UTC), milliseconds
    /// varint  same boot: zigzag((UTC - uptime) - (base UTC - base uptime)), 0 while the clock only ticks
    ///         other boot: the uptime in milliseconds
    /// bytes   payload
    /// u16     CRC-16/CCITT of everything before it
    /// </code>
    /// An offline grant is 12 bytes of framing plus its payload while the segment's records are within a few days of
    /// its creation (<see cref="TypicalStoredBytes"/>). The payload is placed at least <see cref="MaxHeaderLength"/>
    /// bytes into the record buffer and the header is written in front of it, so nothing is moved.
    /// </summary>
    public static class RecordFormat
    {
        public const byte Marker = 0xA5;
        public const int CrcLength = 2;

        /// <summary>Marker, 2-byte length, type, boot (5), sequence (5), UTC (10), uptime (10).</summary>
        public const int MaxHeaderLength = 1 + 2 + 1 + 5 + 5 + 10 + 10;
        public const int MaxOverhead = MaxHeaderLength + CrcLength;

        /// <summary>Framing of a record written in the boot that created its segment, up to ~74 hours after it, &lt; 16,384 records in.</summary>
        public const int TypicalOverhead = 1 + 1 + 1 + 2 + 4 + 1 + CrcLength;

        /// <summary>Smallest record: marker, length, type, three one-byte varints, CRC.</summary>
        public const int MinLength = 6 + CrcLength;

        private const int TypeMask = 0x1F;
        private const int OtherBootBit = 0x20;
        private const int ReservedBit = 0x40;
        private const int ClockUncertainBit = 0x80;
        private const int LongLengthLimit = 1 << 14;

        /// <summary>Bytes an event with a payload of <paramref name="payloadLength"/> bytes typically takes on flash (the capacity plan's figure).</summary>
        public static int TypicalStoredBytes(int payloadLength)
        {
            return TypicalOverhead + payloadLength + (payloadLength + TypicalOverhead - 4 >= 128 ? 1 : 0);
        }

        /// <summary>
        /// Writes the header in front of the payload at buffer[payloadAt ..] (at least <see cref="MaxHeaderLength"/> bytes
        /// in) and the CRC after it; returns the record's size and its first byte in <paramref name="start"/>.
        /// </summary>
        public static int Seal(byte[] buffer, int payloadAt, int payloadLength, EventType type, int flags, long id, long utcMs, long uptimeMs,
            byte[] header, out int start)
        {
            uint boot = EventId.BootOf(id);
            uint sequence = EventId.SequenceOf(id);
            bool sameBoot = boot == SegmentHeader.Boot(header) && sequence > SegmentHeader.Sequence(header);
            ulong sequenceField = sameBoot ? sequence - SegmentHeader.Sequence(header) : sequence;
            ulong utcField = ZigZag(utcMs - SegmentHeader.Utc(header));
            ulong uptimeField = sameBoot
                ? ZigZag((utcMs - uptimeMs) - (SegmentHeader.Utc(header) - SegmentHeader.Uptime(header)))
                : (ulong)uptimeMs;
            int fields = 1 + (sameBoot ? 0 : VarLength(boot)) + VarLength(sequenceField) + VarLength(utcField) + VarLength(uptimeField);
            int bodyLength = fields + payloadLength;
            int lengthBytes = bodyLength < 128 ? 1 : 2;
            start = payloadAt - fields - lengthBytes - 1;
            int at = start;
            buffer[at++] = Marker;
            if (lengthBytes == 1)
            {
                buffer[at++] = (byte)bodyLength;
            }
            else
            {
                buffer[at++] = (byte)(0x80 | (bodyLength & 0x7F));
                buffer[at++] = (byte)(bodyLength >> 7);
            }
            int typeByte = ((int)type & TypeMask) | (sameBoot ? 0 : OtherBootBit)
                | ((flags & RecordFlags.ClockUncertain) != 0 ? ClockUncertainBit : 0);
            buffer[at++] = (byte)typeByte;
            if (!sameBoot)
            {
                at = WriteVar(buffer, at, boot);
            }
            at = WriteVar(buffer, at, sequenceField);
            at = WriteVar(buffer, at, utcField);
            WriteVar(buffer, at, uptimeField);
            int crcAt = payloadAt + payloadLength;
            ushort crc = Crc16.Compute(buffer, start, crcAt - start);
            buffer[crcAt] = (byte)crc;
            buffer[crcAt + 1] = (byte)(crc >> 8);
            return crcAt + CrcLength - start;
        }

        /// <summary>
        /// Size the record at <paramref name="offset"/> claims (marker and length; at least <see cref="MinLength"/> bytes
        /// must be there), or -1 when the marker is wrong or the length out of bounds. Only <see cref="IsValid"/> makes it real.
        /// </summary>
        public static int ClaimedLength(byte[] buffer, int offset, int maxPayload)
        {
            if (buffer[offset] != Marker)
            {
                return -1;
            }
            int bodyLength = buffer[offset + 1];
            int lengthBytes = 1;
            if ((bodyLength & 0x80) != 0)
            {
                int high = buffer[offset + 2];
                if (high == 0 || high >= 0x80)
                {
                    return -1;
                }
                bodyLength = (bodyLength & 0x7F) | (high << 7);
                lengthBytes = 2;
            }
            int size = 1 + lengthBytes + bodyLength + CrcLength;
            return bodyLength > maxPayload + MaxHeaderLength || size < MinLength ? -1 : size;
        }

        /// <summary>True when the CRC of the claimed <paramref name="size"/> bytes matches and every header field is in range.</summary>
        public static bool IsValid(byte[] buffer, int offset, int size, byte[] header)
        {
            int crcAt = offset + size - CrcLength;
            ushort stored = (ushort)(buffer[crcAt] | (buffer[crcAt + 1] << 8));
            if (stored != Crc16.Compute(buffer, offset, size - CrcLength))
            {
                return false;
            }
            long id, utc, uptime;
            int typeByte;
            return ReadFields(buffer, offset, size, header, out typeByte, out id, out utc, out uptime) >= 0;
        }

        public static long IdAt(byte[] buffer, int offset, int size, byte[] header)
        {
            long id, utc, uptime;
            int typeByte;
            ReadFields(buffer, offset, size, header, out typeByte, out id, out utc, out uptime);
            return id;
        }

        /// <summary>Copies a validated record of <paramref name="size"/> bytes into <paramref name="record"/>.</summary>
        public static void Decode(byte[] buffer, int offset, int size, byte[] header, JournalRecord record)
        {
            long id, utc, uptime;
            int typeByte;
            int payloadAt = ReadFields(buffer, offset, size, header, out typeByte, out id, out utc, out uptime);
            record.Type = (EventType)(typeByte & TypeMask);
            record.Flags = (typeByte & ClockUncertainBit) != 0 ? RecordFlags.ClockUncertain : RecordFlags.None;
            record.Id = id;
            record.UtcMilliseconds = utc;
            record.UptimeMilliseconds = uptime;
            record.SetPayload(buffer, payloadAt, offset + size - CrcLength - payloadAt);
        }

        /// <summary>Reads the header fields; returns where the payload starts, or -1 when a field is out of range.</summary>
        private static int ReadFields(byte[] buffer, int offset, int size, byte[] header, out int typeByte,
            out long id, out long utcMs, out long uptimeMs)
        {
            id = 0;
            utcMs = 0;
            uptimeMs = 0;
            int end = offset + size - CrcLength;
            int at = offset + ((buffer[offset + 1] & 0x80) != 0 ? 3 : 2);
            typeByte = buffer[at++];
            if ((typeByte & TypeMask) == 0 || (typeByte & ReservedBit) != 0)
            {
                return -1;
            }
            bool sameBoot = (typeByte & OtherBootBit) == 0;
            ulong boot = SegmentHeader.Boot(header);
            if (!sameBoot && (at = ReadVar(buffer, at, end, out boot)) < 0)
            {
                return -1;
            }
            ulong sequence, utcField, uptimeField;
            if ((at = ReadVar(buffer, at, end, out sequence)) < 0 || (at = ReadVar(buffer, at, end, out utcField)) < 0
                || (at = ReadVar(buffer, at, end, out uptimeField)) < 0)
            {
                return -1;
            }
            if (sameBoot)
            {
                sequence += SegmentHeader.Sequence(header);
            }
            if (sequence == 0 || sequence > uint.MaxValue || boot > uint.MaxValue)
            {
                return -1;
            }
            id = EventId.Compose((uint)boot, (uint)sequence);
            utcMs = SegmentHeader.Utc(header) + UnZigZag(utcField);
            uptimeMs = sameBoot
                ? utcMs - (SegmentHeader.Utc(header) - SegmentHeader.Uptime(header)) - UnZigZag(uptimeField)
                : (long)uptimeField;
            return at;
        }

        private static ulong ZigZag(long value)
        {
            return (ulong)((value << 1) ^ (value >> 63));
        }

        private static long UnZigZag(ulong value)
        {
            return (long)(value >> 1) ^ -(long)(value & 1);
        }

        private static int VarLength(ulong value)
        {
            int length = 1;
            while (value >= 0x80)
            {
                value >>= 7;
                length++;
            }
            return length;
        }

        private static int WriteVar(byte[] buffer, int at, ulong value)
        {
            while (value >= 0x80)
            {
                buffer[at++] = (byte)(value | 0x80);
                value >>= 7;
            }
            buffer[at++] = (byte)value;
            return at;
        }

        /// <summary>Unsigned LEB128 within [at, end); returns the position after it, or -1 when it runs past end or past 10 bytes.</summary>
        private static int ReadVar(byte[] buffer, int at, int end, out ulong value)
        {
            value = 0;
            for (int shift = 0; shift < 70 && at < end; shift += 7)
            {
                int b = buffer[at++];
                value |= (ulong)(b & 0x7F) << shift;
                if ((b & 0x80) == 0)
                {
                    return at;
                }
            }
            return -1;
        }
    }
}

using DoorController.Core;

namespace DoorController.Access
{
    /// <summary>
    /// The controller's credential store file (body of the cache bundle). All integers little-endian.
    /// <code>
    /// header, 48 bytes
    ///   0  4  magic "DCCS"                 24  4  CRC-32 of the record region
    ///   4  2  format version (1)           28  4  site section offset (0 = none)
    ///   6  2  header size (48)             32  4  site section length
    ///   8  4  record count                 36  4  CRC-32 of the site section
    ///  12  2  record size (32)             40  4  reserved (0)
    ///  14  2  reserved (0)                 44  4  CRC-32 of header bytes 0..43
    ///  16  4  generation (bundle version)
    ///  20  4  record region offset (48)
    /// record, 32 bytes, sorted by hash (unsigned bytes), no duplicates
    ///   0 16  truncated HMAC-SHA256(site key, method byte || raw value)
    ///  16  4  user id                      28  1  flags (CredentialFlags)
    ///  20  4  valid from, unix s (0 = open) 29  1  method (CredentialMethod)
    ///  24  4  valid to, unix s, inclusive  30  2  uses allowed (UseCount flag)
    /// </code>
    /// Offsets in the header are relative to the start of the body (the store may sit behind a bundle header).
    /// </summary>
    public static class CredentialStoreFormat
    {
        public const uint Magic = 0x53434344; // "DCCS" read little-endian
        public const int Version = 1;
        public const int HeaderSize = 48;
        public const int RecordSize = 32;
        public const int HeaderCrcOffset = 44;

        public const int RecordHash = 0;
        public const int RecordUserId = 16;
        public const int RecordValidFrom = 20;
        public const int RecordValidTo = 24;
        public const int RecordFlags = 28;
        public const int RecordMethod = 29;
        public const int RecordUses = 30;

        /// <summary>Encodes one credential at <paramref name="offset"/>; false when a field does not fit the format.</summary>
        public static bool TryEncode(CredentialInfo info, byte[] buffer, int offset)
        {
            if (info.ValidFromUnix < 0 || info.ValidFromUnix > uint.MaxValue || info.ValidToUnix < 0 || info.ValidToUnix > uint.MaxValue
                || info.UsesAllowed < 0 || info.UsesAllowed > ushort.MaxValue || info.Flags < 0 || info.Flags > 255
                || !CredentialHasher.IsKnownMethod(info.Method))
            {
                return false;
            }
            System.Array.Copy(info.Hash, 0, buffer, offset + RecordHash, CredentialHasher.HashLength);
            LittleEndian.WriteInt32(buffer, offset + RecordUserId, info.UserId);
            LittleEndian.WriteUInt32(buffer, offset + RecordValidFrom, (uint)info.ValidFromUnix);
            LittleEndian.WriteUInt32(buffer, offset + RecordValidTo, (uint)info.ValidToUnix);
            buffer[offset + RecordFlags] = (byte)info.Flags;
            buffer[offset + RecordMethod] = (byte)info.Method;
            LittleEndian.WriteUInt16(buffer, offset + RecordUses, (ushort)info.UsesAllowed);
            return true;
        }

        /// <summary>Decodes the record at <paramref name="offset"/>; <paramref name="index"/> is its position in the file.</summary>
        public static void Decode(byte[] buffer, int offset, int index, CredentialInfo into)
        {
            System.Array.Copy(buffer, offset + RecordHash, into.Hash, 0, CredentialHasher.HashLength);
            into.UserId = LittleEndian.ReadInt32(buffer, offset + RecordUserId);
            into.ValidFromUnix = LittleEndian.ReadUInt32(buffer, offset + RecordValidFrom);
            into.ValidToUnix = LittleEndian.ReadUInt32(buffer, offset + RecordValidTo);
            into.Flags = buffer[offset + RecordFlags];
            into.Method = (CredentialMethod)buffer[offset + RecordMethod];
            into.UsesAllowed = LittleEndian.ReadUInt16(buffer, offset + RecordUses);
            into.Index = index;
        }

        /// <summary>First four hash bytes as a big-endian number: same order as the full hash comparison.</summary>
        public static uint Prefix(byte[] buffer, int offset)
        {
            return ((uint)buffer[offset] << 24) | ((uint)buffer[offset + 1] << 16) | ((uint)buffer[offset + 2] << 8) | buffer[offset + 3];
        }

        /// <summary>Writes a header into <paramref name="h"/> (48 bytes), including its own CRC.</summary>
        public static void WriteHeader(byte[] h, int recordCount, uint generation, uint recordsCrc, int siteOffset, int siteLength, uint siteCrc)
        {
            for (int i = 0; i < HeaderSize; i++)
            {
                h[i] = 0;
            }
            LittleEndian.WriteUInt32(h, 0, Magic);
            LittleEndian.WriteUInt16(h, 4, Version);
            LittleEndian.WriteUInt16(h, 6, HeaderSize);
            LittleEndian.WriteInt32(h, 8, recordCount);
            LittleEndian.WriteUInt16(h, 12, RecordSize);
            LittleEndian.WriteUInt32(h, 16, generation);
            LittleEndian.WriteInt32(h, 20, HeaderSize);
            LittleEndian.WriteUInt32(h, 24, recordsCrc);
            LittleEndian.WriteInt32(h, 28, siteOffset);
            LittleEndian.WriteInt32(h, 32, siteLength);
            LittleEndian.WriteUInt32(h, 36, siteCrc);
            LittleEndian.WriteUInt32(h, HeaderCrcOffset, Crc32.Compute(h, 0, HeaderCrcOffset));
        }

        /// <summary>Checks magic, version, sizes and the header CRC.</summary>
        public static bool HeaderValid(byte[] h)
        {
            return LittleEndian.ReadUInt32(h, 0) == Magic
                && LittleEndian.ReadUInt16(h, 4) == Version
                && LittleEndian.ReadUInt16(h, 6) == HeaderSize
                && LittleEndian.ReadUInt16(h, 12) == RecordSize
                && LittleEndian.ReadInt32(h, 8) >= 0
                && LittleEndian.ReadUInt32(h, HeaderCrcOffset) == Crc32.Compute(h, 0, HeaderCrcOffset);
        }
    }
}

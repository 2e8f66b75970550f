using DoorController.Core;

namespace DoorController.Access
{
    /// <summary>
    /// The controller's credential store file (body of the cache bundle), format 2. All integers little-endian.
    /// Everything per person stays on flash; RAM holds only a fixed sparse index and the site section's readers,
    /// doors, areas, policies and routes (docs/cache.md).
    /// <code>
    /// header, 64 bytes
    ///   0  4 magic "DCS2"                    32  4 profiles offset
    ///   4  2 format version (2)              36  4 permission sets offset (S offsets, then the sets)
    ///   6  2 header size (64)                40  4 permission sets length
    ///   8  4 credential count N              44  4 site config offset (0 = none)
    ///  12  1 record size (12)                48  4 site config length
    ///  13  1 hash bytes kept (7)             52  4 CRC-32 of the N records
    ///  14  2 profile size (20)               56  4 CRC-32 of profiles .. end of site config
    ///  16  4 generation (bundle version)     60  4 CRC-32 of header bytes 0..59
    ///  20  4 profile count P
    ///  24  4 permission set count S
    ///  28  4 records offset (64)
    /// record, 12 bytes, sorted by the kept hash bytes (unsigned), no two alike
    ///   0  7 first 7 bytes of HMAC-SHA256(site key, method byte || raw value)
    ///   7  3 user id (1 .. 16,777,215)
    ///  10  2 profile index
    /// profile, 20 bytes: what the credentials that share it have in common
    ///   0  4 valid from, unix s (0 = open)    12  1 user attribute
    ///   4  4 valid to, unix s, inclusive      13  1 holder flags (bit 0 enabled, bit 1 extended access, bit 2 office mode)
    ///   8  1 method                           14  2 permission set (0xFFFF = none)
    ///   9  1 credential flags                 16  4 inviter user id (0 = none)
    ///  10  2 uses allowed
    /// </code>
    /// Permission sets: <see cref="PermissionSetFormat"/>; site config: <see cref="SiteCacheFormat"/>. Offsets are
    /// relative to the start of the body (the store may sit behind a bundle header).
    /// Keeping 56 of the hash's 128 bits bounds a false match: a credential that is not in the store matches one of
    /// N stored records with probability at most N / 2^56 per presentation (1.4e-12 at 100,000 credentials); the server,
    /// deciding online, compares all 128 bits.
    /// </summary>
    public static class CredentialStoreFormat
    {
        public const uint Magic = 0x32534344; // "DCS2" read little-endian
        public const int Version = 2;
        public const int HeaderSize = 64;
        public const int HashBytes = 7;
        public const int RecordSize = 12;
        public const int ProfileSize = 20;
        public const int MaxUserId = 0xFFFFFF;
        public const int MaxProfiles = 0xFFFF;
        public const int NoPermissionSet = 0xFFFF;
        public const int HeaderCrcOffset = 60;

        private const int RecordUser = 7;
        private const int RecordProfile = 10;

        public const int CountOffset = 8;
        public const int GenerationOffset = 16;
        public const int ProfileCountOffset = 20;
        public const int SetCountOffset = 24;
        public const int RecordsOffset = 28;
        public const int ProfilesOffset = 32;
        public const int SetsOffset = 36;
        public const int SetsLengthOffset = 40;
        public const int SiteOffset = 44;
        public const int SiteLengthOffset = 48;
        public const int RecordsCrcOffset = 52;
        public const int SiteCrcOffset = 56;

        private const int HolderEnabled = 1;
        private const int HolderExtendedAccess = 2;
        private const int HolderOfficeMode = 4;

        /// <summary>Writes one record: the kept hash bytes of <paramref name="hash"/>, the user and the profile index.</summary>
        public static void EncodeRecord(byte[] hash, int hashOffset, int userId, int profile, byte[] buffer, int offset)
        {
            System.Array.Copy(hash, hashOffset, buffer, offset, HashBytes);
            buffer[offset + RecordUser] = (byte)userId;
            buffer[offset + RecordUser + 1] = (byte)(userId >> 8);
            buffer[offset + RecordUser + 2] = (byte)(userId >> 16);
            LittleEndian.WriteUInt16(buffer, offset + RecordProfile, (ushort)profile);
        }

        public static int UserIdAt(byte[] buffer, int offset)
        {
            return buffer[offset + RecordUser] | (buffer[offset + RecordUser + 1] << 8) | (buffer[offset + RecordUser + 2] << 16);
        }

        public static int ProfileAt(byte[] buffer, int offset)
        {
            return LittleEndian.ReadUInt16(buffer, offset + RecordProfile);
        }

        /// <summary>First four hash bytes as a big-endian number: same order as the kept-bytes comparison.</summary>
        public static uint Prefix(byte[] buffer, int offset)
        {
            return ((uint)buffer[offset] << 24) | ((uint)buffer[offset + 1] << 16) | ((uint)buffer[offset + 2] << 8) | buffer[offset + 3];
        }

        /// <summary>False when a credential or its holder has a field the profile cannot hold.</summary>
        public static bool Fits(CredentialInfo c, User holder)
        {
            return c.ValidFromUnix >= 0 && c.ValidFromUnix <= uint.MaxValue && c.ValidToUnix >= 0 && c.ValidToUnix <= uint.MaxValue
                && c.UsesAllowed >= 0 && c.UsesAllowed <= ushort.MaxValue && c.Flags >= 0 && c.Flags <= 255
                && CredentialHasher.IsKnownMethod(c.Method) && c.UserId > 0 && c.UserId <= MaxUserId
                && (int)holder.Attribute >= 0 && (int)holder.Attribute <= 255;
        }

        /// <summary>Writes the profile of credential <paramref name="c"/> held by <paramref name="holder"/> (check <see cref="Fits"/> first).</summary>
        public static void EncodeProfile(CredentialInfo c, User holder, int permissionSet, byte[] buffer, int offset)
        {
            LittleEndian.WriteUInt32(buffer, offset, (uint)c.ValidFromUnix);
            LittleEndian.WriteUInt32(buffer, offset + 4, (uint)c.ValidToUnix);
            buffer[offset + 8] = (byte)c.Method;
            buffer[offset + 9] = (byte)c.Flags;
            LittleEndian.WriteUInt16(buffer, offset + 10, (ushort)c.UsesAllowed);
            buffer[offset + 12] = (byte)holder.Attribute;
            buffer[offset + 13] = (byte)((holder.Enabled ? HolderEnabled : 0) | (holder.ExtendedAccess ? HolderExtendedAccess : 0)
                | (holder.OfficeModeHolder ? HolderOfficeMode : 0));
            LittleEndian.WriteUInt16(buffer, offset + 14, (ushort)permissionSet);
            LittleEndian.WriteInt32(buffer, offset + 16, holder.InviterId);
        }

        /// <summary>Fills the credential's validity, method and flags from a profile; returns its permission set index.</summary>
        public static int DecodeProfile(byte[] buffer, int offset, CredentialInfo into, User holder)
        {
            into.ValidFromUnix = LittleEndian.ReadUInt32(buffer, offset);
            into.ValidToUnix = LittleEndian.ReadUInt32(buffer, offset + 4);
            into.Method = (CredentialMethod)buffer[offset + 8];
            into.Flags = buffer[offset + 9];
            into.UsesAllowed = LittleEndian.ReadUInt16(buffer, offset + 10);
            holder.Id = into.UserId;
            holder.Attribute = (UserAttribute)buffer[offset + 12];
            holder.Enabled = (buffer[offset + 13] & HolderEnabled) != 0;
            holder.ExtendedAccess = (buffer[offset + 13] & HolderExtendedAccess) != 0;
            holder.OfficeModeHolder = (buffer[offset + 13] & HolderOfficeMode) != 0;
            holder.InviterId = LittleEndian.ReadInt32(buffer, offset + 16);
            return LittleEndian.ReadUInt16(buffer, offset + 14);
        }

        /// <summary>Writes a header into <paramref name="h"/> (64 bytes), including its own CRC.</summary>
        public static void WriteHeader(byte[] h, StoreLayout layout, uint generation, uint recordsCrc, uint siteCrc)
        {
            for (int i = 0; i < HeaderSize; i++)
            {
                h[i] = 0;
            }
            LittleEndian.WriteUInt32(h, 0, Magic);
            LittleEndian.WriteUInt16(h, 4, Version);
            LittleEndian.WriteUInt16(h, 6, HeaderSize);
            LittleEndian.WriteInt32(h, CountOffset, layout.Records);
            h[12] = RecordSize;
            h[13] = HashBytes;
            LittleEndian.WriteUInt16(h, 14, ProfileSize);
            LittleEndian.WriteUInt32(h, GenerationOffset, generation);
            LittleEndian.WriteInt32(h, ProfileCountOffset, layout.Profiles);
            LittleEndian.WriteInt32(h, SetCountOffset, layout.Sets);
            LittleEndian.WriteInt32(h, RecordsOffset, HeaderSize);
            LittleEndian.WriteInt32(h, ProfilesOffset, layout.ProfilesOffset);
            LittleEndian.WriteInt32(h, SetsOffset, layout.SetsOffset);
            LittleEndian.WriteInt32(h, SetsLengthOffset, layout.SetsLength);
            LittleEndian.WriteInt32(h, SiteOffset, layout.SiteLength > 0 ? layout.SiteOffset : 0);
            LittleEndian.WriteInt32(h, SiteLengthOffset, layout.SiteLength);
            LittleEndian.WriteUInt32(h, RecordsCrcOffset, recordsCrc);
            LittleEndian.WriteUInt32(h, SiteCrcOffset, siteCrc);
            LittleEndian.WriteUInt32(h, HeaderCrcOffset, Crc32.Compute(h, 0, HeaderCrcOffset));
        }

        /// <summary>Checks magic, version, sizes and the header CRC, and reads the layout; false when any is off.</summary>
        public static bool TryReadHeader(byte[] h, StoreLayout layout)
        {
            if (LittleEndian.ReadUInt32(h, 0) != Magic || LittleEndian.ReadUInt16(h, 4) != Version || LittleEndian.ReadUInt16(h, 6) != HeaderSize
                || h[12] != RecordSize || h[13] != HashBytes || LittleEndian.ReadUInt16(h, 14) != ProfileSize
                || LittleEndian.ReadInt32(h, RecordsOffset) != HeaderSize
                || LittleEndian.ReadUInt32(h, HeaderCrcOffset) != Crc32.Compute(h, 0, HeaderCrcOffset))
            {
                return false;
            }
            layout.Records = LittleEndian.ReadInt32(h, CountOffset);
            layout.Profiles = LittleEndian.ReadInt32(h, ProfileCountOffset);
            layout.Sets = LittleEndian.ReadInt32(h, SetCountOffset);
            layout.ProfilesOffset = LittleEndian.ReadInt32(h, ProfilesOffset);
            layout.SetsOffset = LittleEndian.ReadInt32(h, SetsOffset);
            layout.SetsLength = LittleEndian.ReadInt32(h, SetsLengthOffset);
            layout.SiteOffset = LittleEndian.ReadInt32(h, SiteOffset);
            layout.SiteLength = LittleEndian.ReadInt32(h, SiteLengthOffset);
            return layout.IsConsistent();
        }
    }
}

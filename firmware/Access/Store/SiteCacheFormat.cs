namespace DoorController.Access
{
    /// <summary>
    /// The site section of the store file: what a controller needs besides credentials to decide offline.
    /// All integers little-endian; strings are a length byte and UTF-8; doubles are IEEE-754 bits as int64.
    /// <code>
    /// section header, 24 bytes
    ///   0 4 magic "DCST"   4 2 version (1)   6 2 user record size (16)   8 4 user count
    ///  12 4 users offset (from section start)  16 4 config offset  20 4 config length
    /// user record, 16 bytes, sorted by id
    ///   0 4 id   4 1 attribute   5 1 flags (bit 0 enabled, bit 1 extended access)   6 2 reserved   8 4 inviter id   12 4 group id (0 none)
    /// config: entries of  tag (1) | payload length (2) | payload
    ///   1 area      id, parent, name
    ///   2 door      id, flags (bit 0 door contact), unlock ms, name
    ///   3 reader    id, door, method mask, usage, exit method mask, from, to, position flags, x, y, lat, lon, name
    ///   4 permission user, group, target, target id, valid from (8), valid to (8), window count (1),
    ///               windows of days mask (1) | start minute (2) | end minute (2)
    ///   5 policy    reader, attribute (1), AccessPolicy fields (see SiteCacheWriter.WritePolicy)
    ///   6 route     attribute (1), reader, id, targets, sound, name, display text
    ///   7 holiday   local day number
    ///   8 time zone offset minutes, has DST (1), DST rule fields (9 x 4)
    ///   9 default policy  AccessPolicy fields
    /// </code>
    /// A controller keeps one group per user in this cache; users with several groups get their extra groups'
    /// permissions copied as user permissions by the server.
    /// </summary>
    public static class SiteCacheFormat
    {
        public const uint Magic = 0x54534344; // "DCST" read little-endian
        public const int Version = 1;
        public const int HeaderSize = 24;
        public const int UserRecordSize = 16;

        public const int TagArea = 1;
        public const int TagDoor = 2;
        public const int TagReader = 3;
        public const int TagPermission = 4;
        public const int TagPolicy = 5;
        public const int TagRoute = 6;
        public const int TagHoliday = 7;
        public const int TagTimeZone = 8;
        public const int TagDefaultPolicy = 9;
    }
}

namespace DoorController.Access
{
    /// <summary>
    /// The site config of the store file: what a controller needs besides its credentials and their holders to decide
    /// offline, all loaded into RAM at start. Entries back to back, each tag (1) | payload length (2) | payload; all
    /// integers little-endian; strings are a length byte and UTF-8 (the server leaves every name and display text empty: the
    /// controller never shows them, and each would cost its heap); doubles are
    /// IEEE-754 bits as int64. Unknown tags and trailing fields are skipped, so newer servers can add entries.
    /// <code>
    ///   1 area      id, parent, name
    ///   2 door      id, flags (bit 0 door contact), unlock ms, name[, office-mode windows (count, then days, start, end)]
    ///   3 reader    id, door, method mask, usage, exit method mask, from, to, position flags, x, y, lat, lon, name
    ///   5 policy    reader, attribute (1), AccessPolicy fields (see SiteCacheWriter.WritePolicy)
    ///   6 route     attribute (1), reader, id, targets, sound, name, display text
    ///   7 holiday   local day number
    ///   8 time zone offset minutes, has DST (1), DST rule fields (9 x 4)
    ///   9 default policy  AccessPolicy fields
    /// </code>
    /// The counts are capped (<see cref="MaxReaders"/> ...) so the RAM a cache can take is bounded: the server refuses
    /// to build a bigger one and the controller refuses to load it.
    /// </summary>
    public static class SiteCacheFormat
    {
        public const int TagArea = 1;
        public const int TagDoor = 2;
        public const int TagReader = 3;
        public const int TagPolicy = 5;
        public const int TagRoute = 6;
        public const int TagHoliday = 7;
        public const int TagTimeZone = 8;
        public const int TagDefaultPolicy = 9;

        public const int MaxAreas = 12;
        public const int MaxDoors = 6;
        public const int MaxReaders = 8;
        public const int MaxPolicies = 64;
        /// <summary>Distinct policies (the default one included): each is one object in RAM however many entries share it.</summary>
        public const int MaxDistinctPolicies = 6;
        public const int MaxRoutes = 12;
        public const int MaxHolidays = 48;
    }
}

namespace DoorController.Access
{
    /// <summary>Site-wide settings of the pipeline, with defaults.</summary>
    public sealed class AccessOptions
    {
        public const int DefaultUnlockMillisecondsValue = 5000;
        /// <summary>2024-01-01T00:00:00Z: a clock earlier than this was never set, so windows cannot be judged.</summary>
        public const long DefaultEarliestPlausibleUnix = 1704067200;

        public SiteTimeZone TimeZone = new SiteTimeZone();
        /// <summary>Used when no policy is configured for a reader and attribute: hard APB, fraud both ways.</summary>
        public AccessPolicy DefaultPolicy = new AccessPolicy();
        public int DefaultUnlockMilliseconds = DefaultUnlockMillisecondsValue;
        /// <summary>Unlock time of a grant to a person with extended access, unless the door's own time is longer.</summary>
        public int ExtendedUnlockMilliseconds = 20000;
        public long EarliestPlausibleUnix = DefaultEarliestPlausibleUnix;
    }
}

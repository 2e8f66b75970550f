namespace DoorController.Access
{
    /// <summary>
    /// The site's local time from a UTC clock: a fixed offset (default UTC+9, Japan, no DST) plus an optional
    /// <see cref="DstRule"/>. Permission windows and holidays are evaluated in this time.
    /// </summary>
    public sealed class SiteTimeZone
    {
        public const int JapanOffsetMinutes = 540;

        public int OffsetMinutes = JapanOffsetMinutes;
        /// <summary>Null: no daylight saving.</summary>
        public DstRule Dst;

        public SiteTimeZone()
        {
        }

        public SiteTimeZone(int offsetMinutes, DstRule dst)
        {
            OffsetMinutes = offsetMinutes;
            Dst = dst;
        }

        /// <summary>Local wall-clock seconds since 1970-01-01 00:00 local for a UTC unix time.</summary>
        public long ToLocalSeconds(long utcUnix)
        {
            long standard = utcUnix + OffsetMinutes * 60L;
            if (Dst != null && Dst.IsDaylight(standard))
            {
                return standard + Dst.SaveMinutes * 60L;
            }
            return standard;
        }
    }
}

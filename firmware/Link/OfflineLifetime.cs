using DoorController.Contract;
using DoorController.Link.Time;

namespace DoorController.Link
{
    /// <summary>Whether an installed cache may still grant offline: its maximum offline lifetime against the clock.</summary>
    public static class OfflineLifetime
    {
        public static CacheValidity Of(BundleInfo installed, SiteClock siteClock)
        {
            if (installed == null)
            {
                return CacheValidity.None;
            }
            if (!siteClock.HasEstimate)
            {
                return CacheValidity.Unknown;
            }
            // With a last-known time the estimate is a lower bound: past the limit is certainly expired.
            if (siteClock.UnixSeconds >= installed.OfflineUntil)
            {
                return CacheValidity.Expired;
            }
            return siteClock.IsCertain ? CacheValidity.Valid : CacheValidity.Unknown;
        }
    }
}

namespace DoorController.Link
{
    /// <summary>Whether the installed cache may still grant offline (bundle issued-at + max offline lifetime vs. the clock).</summary>
    public enum CacheValidity
    {
        /// <summary>No cache installed: offline grants impossible.</summary>
        None = 0,

        Valid = 1,

        /// <summary>Lifetime exceeded: offline grants stop until a newer bundle arrives.</summary>
        Expired = 2,

        /// <summary>Time unknown: the decision layer allows only always-valid credentials.</summary>
        Unknown = 3
    }
}

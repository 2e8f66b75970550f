namespace DoorController.Link.Time
{
    /// <summary>How the controller knows the time, worst to best (docs/time.md).</summary>
    public enum TimeQuality
    {
        /// <summary>Never had a time: wall clock unusable.</summary>
        Unknown = 0,

        /// <summary>Rebooted without network: persisted last-known time plus uptime, a lower bound only.</summary>
        LastKnown = 1,

        /// <summary>Taken from the server's clock messages (fallback when SNTP is unavailable).</summary>
        Server = 2,

        /// <summary>Set by SNTP.</summary>
        Sntp = 3
    }
}

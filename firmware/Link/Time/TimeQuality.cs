namespace DoorController.Link.Time
{
    /// <summary>How the controller knows the time, worst to best (docs/time.md).</summary>
    public enum TimeQuality
    {
        /// <summary>Never had a time: wall clock unusable.</summary>
        Unknown = 0,

        /// <summary>Rebooted without network: persisted last-known time plus uptime, a lower bound only.</summary>
        LastKnown = 1,

        /// <summary>Read at boot from a battery-backed DS3231 whose oscillator never stopped and that is not behind the
        /// persisted last-known time; the chip was last set from authenticated time (or SNTP within its bound).</summary>
        Rtc = 3,

        /// <summary>Set from an authenticated, fresh answer of the server to this controller's clock request (SNTP
        /// may refine it by a few seconds, never more).</summary>
        Server = 2
    }
}

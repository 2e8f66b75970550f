namespace DoorController.Server.Services
{
    /// <summary>What the history is narrowed to; null members do not filter. Times are Unix milliseconds, the range
    /// half-open [From, To). The cursor (BeforeAt, BeforeId) continues a page: rows strictly older than that row.</summary>
    public sealed class HistoryFilter
    {
        public string UserId;
        public string DoorId;
        public string ReaderId;
        public string DeviceId;
        /// <summary>nfc, wiegand, pin, qr, ble or face.</summary>
        public string Method;
        /// <summary>"granted" or "denied".</summary>
        public string Result;
        /// <summary>"online" or "offline".</summary>
        public string Source;
        public long? From;
        public long? To;
        public long? BeforeAt;
        public long? BeforeId;
    }
}

namespace DoorController.Contract
{
    /// <summary>
    /// Controller status on dc/v1/dev/&lt;id&gt;/status (retained, QoS 1). The broker publishes <see cref="Offline"/>
    /// as the last will when the controller vanishes, so the retained value always tells the truth. Both carry the
    /// message MAC and a nonce; the will is signed when the connection is made, with that connection's nonce.
    /// </summary>
    public sealed class StatusMessage
    {
        public long Nonce;
        public string Firmware;
        public long CacheVersion;
        public int JournalDepth;
        public string Mode;
        public string TimeState;
        public long UptimeSeconds;
        public long At;
        public bool ClockUncertain;

        public byte[] ToJson()
        {
            return LinkJson.Begin()
                .Number("nonce", Nonce)
                .String("state", "online")
                .String("fw", Firmware)
                .Number("cache-version", CacheVersion)
                .Number("journal-depth", JournalDepth)
                .String("mode", Mode)
                .String("time", TimeState)
                .Number("uptime-s", UptimeSeconds)
                .Number("at", At)
                .Bool("clock-uncertain", ClockUncertain)
                .EndObject().ToBytes();
        }

        /// <summary>The last-will payload (before sealing).</summary>
        public static byte[] Offline(long nonce)
        {
            return LinkJson.Begin().Number("nonce", nonce).String("state", "offline").EndObject().ToBytes();
        }
    }
}

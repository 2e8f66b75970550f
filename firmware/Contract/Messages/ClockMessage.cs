namespace DoorController.Contract
{
    /// <summary>
    /// The server's clock on dc/v1/dev/&lt;id&gt;/clock, answering one <see cref="ClockRequest"/>: UTC milliseconds
    /// and the nonce the controller chose. The controller's only source of a certain time (docs/time.md).
    /// </summary>
    public sealed class ClockMessage
    {
        public long Nonce;
        public long UtcMilliseconds;

        public byte[] ToJson()
        {
            return LinkJson.Begin().Number("nonce", Nonce).Number("utc-ms", UtcMilliseconds).EndObject().ToBytes();
        }

        public static bool TryParse(byte[] payload, out ClockMessage clock, out string error)
        {
            clock = null;
            Json.JsonObject o;
            if (!LinkJson.TryOpen(payload, out o, out error))
            {
                return false;
            }
            ClockMessage c = new ClockMessage();
            if (!LinkJson.RequireLong(o, "nonce", out c.Nonce, ref error)
                || !LinkJson.RequireLong(o, "utc-ms", out c.UtcMilliseconds, ref error))
            {
                return false;
            }
            if (c.UtcMilliseconds <= 0)
            {
                error = "\"utc-ms\" out of range";
                return false;
            }
            clock = c;
            return true;
        }
    }
}

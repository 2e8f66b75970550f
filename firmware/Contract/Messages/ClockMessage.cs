namespace DoorController.Contract
{
    /// <summary>Server wall clock on dc/v1/srv/clock (retained): Unix seconds, UTC. The controller's fallback time source.</summary>
    public sealed class ClockMessage
    {
        public long Utc;

        public byte[] ToJson()
        {
            return LinkJson.Begin().Number("utc", Utc).EndObject().ToBytes();
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
            if (!LinkJson.RequireLong(o, "utc", out c.Utc, ref error))
            {
                return false;
            }
            if (c.Utc <= 0)
            {
                error = "\"utc\" out of range";
                return false;
            }
            clock = c;
            return true;
        }
    }
}

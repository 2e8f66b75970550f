namespace DoorController.Contract
{
    /// <summary>
    /// The controller asks the server for the time on dc/v1/dev/&lt;id&gt;/clock/req with a fresh nonce; the answer
    /// (<see cref="ClockMessage"/>) must echo it and arrive within a bound round trip (docs/time.md).
    /// </summary>
    public sealed class ClockRequest
    {
        public long Nonce;

        public byte[] ToJson()
        {
            return LinkJson.Begin().Number("nonce", Nonce).EndObject().ToBytes();
        }

        public static bool TryParse(byte[] payload, out ClockRequest request, out string error)
        {
            request = null;
            Json.JsonObject o;
            if (!LinkJson.TryOpen(payload, out o, out error))
            {
                return false;
            }
            ClockRequest r = new ClockRequest();
            if (!LinkJson.RequireLong(o, "nonce", out r.Nonce, ref error))
            {
                return false;
            }
            request = r;
            return true;
        }
    }
}

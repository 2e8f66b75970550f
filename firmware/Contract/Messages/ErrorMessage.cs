namespace DoorController.Contract
{
    /// <summary>
    /// What the controller publishes on dc/v1/dev/&lt;id&gt;/error when it refuses an incoming message (malformed JSON,
    /// wrong types, unknown version, forged bundle...): the topic it came in on and why. Never echoes the payload.
    /// </summary>
    public sealed class ErrorMessage
    {
        public long Nonce;
        public string Topic;
        public string Error;

        public byte[] ToJson()
        {
            return LinkJson.Begin().Number("nonce", Nonce).String("topic", Topic).String("error", Error).EndObject().ToBytes();
        }

        public static bool TryParse(byte[] payload, out ErrorMessage message, out string error)
        {
            message = null;
            Json.JsonObject o;
            if (!LinkJson.TryOpen(payload, out o, out error))
            {
                return false;
            }
            ErrorMessage m = new ErrorMessage();
            if (!LinkJson.RequireLong(o, "nonce", out m.Nonce, ref error)
                || !LinkJson.RequireString(o, "topic", out m.Topic, ref error)
                || !LinkJson.RequireString(o, "error", out m.Error, ref error))
            {
                return false;
            }
            message = m;
            return true;
        }
    }
}

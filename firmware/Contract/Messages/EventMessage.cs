namespace DoorController.Contract
{
    /// <summary>
    /// One journal event on dc/v1/dev/&lt;id&gt;/events (QoS 1). "seq" is the journal's sequence number: the server
    /// stores by it (so a replayed duplicate is harmless) and acknowledges cumulatively.
    /// </summary>
    public sealed class EventMessage
    {
        public long Sequence;

        /// <summary>The event as a JSON object, rendered by the journal.</summary>
        public string EventJson;

        public byte[] ToJson()
        {
            return LinkJson.Begin()
                .Number("seq", Sequence)
                .Raw("event", EventJson)
                .EndObject().ToBytes();
        }

        public static bool TryParse(byte[] payload, out EventMessage message, out string error)
        {
            message = null;
            Json.JsonObject o;
            if (!LinkJson.TryOpen(payload, out o, out error))
            {
                return false;
            }
            Json.JsonObject body;
            long seq;
            if (!LinkJson.RequireLong(o, "seq", out seq, ref error))
            {
                return false;
            }
            if (!o.TryGetObject("event", out body))
            {
                error = "\"event\" is not an object";
                return false;
            }
            message = new EventMessage();
            message.Sequence = seq;
            return true;
        }
    }
}

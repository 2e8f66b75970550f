namespace DoorController.Contract
{
    /// <summary>
    /// One journal event on dc/v1/dev/&lt;id&gt;/events (QoS 1). "seq" is the journal's event id (boot counter in the
    /// high 32 bits, docs/journal.md); "prev" is the id it follows: the last event the controller sent before it, or
    /// the server's acknowledged mark — the controller holds no event between "prev" and "seq" (0: none before it).
    /// The server stores every event by (controller, seq) and acknowledges "seq" only when it holds "prev" and
    /// everything before it, so an event that overtakes a lost one (a server restart between two sends) is stored
    /// but never acknowledged past the one that is missing. "acked" is the highest id the server has acknowledged to
    /// this controller (0: none; never above "prev"): the controller trimmed everything up to it, so a server that
    /// holds less lost those events (a database restored from a backup) and must not wait for them.
    /// </summary>
    public sealed class EventMessage
    {
        public long Sequence;

        /// <summary>The event this one follows (see the class summary).</summary>
        public long Previous;

        /// <summary>The server's last acknowledgement the controller holds (see the class summary).</summary>
        public long Acknowledged;

        /// <summary>The event as a JSON object, rendered by the journal (<see cref="EventJson"/>).</summary>
        public string EventJson;

        /// <summary>Set by <see cref="TryParse"/>: the event object.</summary>
        public Json.JsonObject Event;

        public byte[] ToJson()
        {
            return LinkJson.Begin()
                .Number("seq", Sequence)
                .Number("prev", Previous)
                .Number("acked", Acknowledged)
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
            long seq, prev, acked;
            if (!LinkJson.RequireLong(o, "seq", out seq, ref error) || !LinkJson.RequireLong(o, "prev", out prev, ref error)
                || !LinkJson.RequireLong(o, "acked", out acked, ref error))
            {
                return false;
            }
            if (prev < 0 || seq <= prev)
            {
                error = "\"prev\" must be at least 0 and below \"seq\"";
                return false;
            }
            if (acked < 0 || acked > prev)
            {
                error = "\"acked\" must be at least 0 and at most \"prev\"";
                return false;
            }
            if (!o.TryGetObject("event", out body))
            {
                error = "\"event\" is not an object";
                return false;
            }
            message = new EventMessage();
            message.Sequence = seq;
            message.Previous = prev;
            message.Acknowledged = acked;
            message.Event = body;
            return true;
        }
    }
}

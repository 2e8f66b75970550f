namespace DoorController.Contract
{
    /// <summary>
    /// Cumulative acknowledgement on dc/v1/dev/&lt;id&gt;/events/ack: every event with seq &lt;= "upto" is stored.
    /// "event-mac" is the MAC of the event message the server stored as "upto", so an ack names exactly the event it
    /// acknowledges: the controller trims only when that matches the event it sent.
    /// </summary>
    public sealed class EventAck
    {
        public long UpTo;
        public string EventMac;

        public byte[] ToJson()
        {
            return LinkJson.Begin().Number("upto", UpTo).String("event-mac", EventMac).EndObject().ToBytes();
        }

        public static bool TryParse(byte[] payload, out EventAck ack, out string error)
        {
            ack = null;
            Json.JsonObject o;
            if (!LinkJson.TryOpen(payload, out o, out error))
            {
                return false;
            }
            EventAck a = new EventAck();
            if (!LinkJson.RequireLong(o, "upto", out a.UpTo, ref error)
                || !LinkJson.RequireString(o, "event-mac", out a.EventMac, ref error))
            {
                return false;
            }
            if (a.UpTo < 0)
            {
                error = "\"upto\" is negative";
                return false;
            }
            ack = a;
            return true;
        }
    }
}

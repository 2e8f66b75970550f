namespace DoorController.Contract
{
    /// <summary>Cumulative acknowledgement on dc/v1/dev/&lt;id&gt;/events/ack: every event with seq &lt;= "upto" is stored.</summary>
    public sealed class EventAck
    {
        public long UpTo;
        public long ServerTime;

        public byte[] ToJson()
        {
            return LinkJson.Begin().Number("upto", UpTo).Number("server-time", ServerTime).EndObject().ToBytes();
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
                || !LinkJson.OptionalLong(o, "server-time", 0, out a.ServerTime, ref error))
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

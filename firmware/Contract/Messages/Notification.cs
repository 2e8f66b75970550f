namespace DoorController.Contract
{
    /// <summary>
    /// A message for the terminal at a door (display text and a tone), on dc/v1/dev/&lt;id&gt;/notify. It cannot open
    /// anything, but a forged "alarm" or a misleading text at a door is still an attack, so it carries the message MAC
    /// and "issued-ms" (server UTC ms): the controller shows it only if that is above the last one it showed and,
    /// with a certain clock, within 5 minutes of its time. Text is capped so it cannot flood the display buffer.
    /// </summary>
    public sealed class Notification
    {
        public const int MaxTextLength = 64;

        public long Door;
        public string Text;
        public string Tone;
        public long DurationMilliseconds;
        public long IssuedMilliseconds;

        public byte[] ToJson()
        {
            return LinkJson.Begin()
                .Number("door", Door)
                .String("text", Text)
                .String("tone", Tone)
                .Number("duration-ms", DurationMilliseconds)
                .Number("issued-ms", IssuedMilliseconds)
                .EndObject().ToBytes();
        }

        public static bool TryParse(byte[] payload, out Notification notification, out string error)
        {
            notification = null;
            Json.JsonObject o;
            if (!LinkJson.TryOpen(payload, out o, out error))
            {
                return false;
            }
            Notification n = new Notification();
            if (!LinkJson.OptionalLong(o, "door", 0, out n.Door, ref error)
                || !LinkJson.RequireString(o, "text", out n.Text, ref error)
                || !LinkJson.OptionalString(o, "tone", out n.Tone, ref error)
                || !LinkJson.OptionalLong(o, "duration-ms", 3000, out n.DurationMilliseconds, ref error)
                || !LinkJson.RequireLong(o, "issued-ms", out n.IssuedMilliseconds, ref error))
            {
                return false;
            }
            if (n.Text.Length > MaxTextLength)
            {
                error = "\"text\" longer than " + MaxTextLength;
                return false;
            }
            if (n.DurationMilliseconds < 0 || n.DurationMilliseconds > 60000)
            {
                error = "\"duration-ms\" out of range";
                return false;
            }
            notification = n;
            return true;
        }
    }
}

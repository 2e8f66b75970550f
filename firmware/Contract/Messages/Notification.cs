namespace DoorController.Contract
{
    /// <summary>
    /// A message for the terminal at a door (display text and a tone), on dc/v1/dev/&lt;id&gt;/notify. Cosmetic only:
    /// it cannot open anything, so it is not MAC-protected; text is capped so it cannot flood the display buffer.
    /// </summary>
    public sealed class Notification
    {
        public const int MaxTextLength = 64;

        public long Door;
        public string Text;
        public string Tone;
        public long DurationMilliseconds;

        public byte[] ToJson()
        {
            return LinkJson.Begin()
                .Number("door", Door)
                .String("text", Text)
                .String("tone", Tone)
                .Number("duration-ms", DurationMilliseconds)
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
                || !LinkJson.OptionalLong(o, "duration-ms", 3000, out n.DurationMilliseconds, ref error))
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

namespace DoorController.Contract
{
    /// <summary>
    /// The server's full decision on dc/v1/dev/&lt;id&gt;/decide/resp, matched by "request-id" and bound to the
    /// request's "nonce": the controller acts on it only while that very request is pending, so a recorded answer
    /// (a grant for someone else, earlier) can never open the door again.
    /// </summary>
    public sealed class DecisionResponse
    {
        public const long MaxUnlockMilliseconds = 600000;
        /// <summary>An office-mode hold never spans more than a day (a window is at most 24 h).</summary>
        public const long MaxOfficeModeMilliseconds = 86400000;

        public string RequestId;
        public long Nonce;
        public bool Granted;
        public string Reason;
        public long UnlockMilliseconds;
        /// <summary>Granted with extended access: the door allows its longer held-open time ("extended", optional).</summary>
        public bool Extended;
        /// <summary>First-person-in: hold the door unlocked this long from now ("office-ms", optional; 0 = no).</summary>
        public long OfficeModeMilliseconds;

        public byte[] ToJson()
        {
            Json.JsonWriter json = LinkJson.Begin()
                .String("request-id", RequestId)
                .Number("nonce", Nonce)
                .Bool("granted", Granted)
                .String("reason", Reason)
                .Number("unlock-ms", UnlockMilliseconds);
            if (Extended)
            {
                json.Bool("extended", true);
            }
            if (OfficeModeMilliseconds > 0)
            {
                json.Number("office-ms", OfficeModeMilliseconds); // only when set: other answers keep their bytes
            }
            return json.EndObject().ToBytes();
        }

        public static bool TryParse(byte[] payload, out DecisionResponse response, out string error)
        {
            response = null;
            Json.JsonObject o;
            if (!LinkJson.TryOpen(payload, out o, out error))
            {
                return false;
            }
            DecisionResponse r = new DecisionResponse();
            if (!LinkJson.RequireString(o, "request-id", out r.RequestId, ref error)
                || !LinkJson.RequireLong(o, "nonce", out r.Nonce, ref error)
                || !LinkJson.RequireBool(o, "granted", out r.Granted, ref error)
                || !LinkJson.OptionalString(o, "reason", out r.Reason, ref error)
                || !LinkJson.OptionalLong(o, "unlock-ms", 0, out r.UnlockMilliseconds, ref error)
                || !LinkJson.OptionalLong(o, "office-ms", 0, out r.OfficeModeMilliseconds, ref error))
            {
                return false;
            }
            if (o.Has("extended") && !o.IsNull("extended") && !o.TryGetBool("extended", out r.Extended))
            {
                error = "\"extended\" is not a boolean";
                return false;
            }
            if (r.UnlockMilliseconds < 0 || r.UnlockMilliseconds > MaxUnlockMilliseconds)
            {
                error = "\"unlock-ms\" out of range";
                return false;
            }
            if (r.OfficeModeMilliseconds < 0 || r.OfficeModeMilliseconds > MaxOfficeModeMilliseconds)
            {
                error = "\"office-ms\" out of range";
                return false;
            }
            response = r;
            return true;
        }
    }
}

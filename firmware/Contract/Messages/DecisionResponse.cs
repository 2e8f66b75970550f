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

        public string RequestId;
        public long Nonce;
        public bool Granted;
        public string Reason;
        public long UnlockMilliseconds;

        public byte[] ToJson()
        {
            return LinkJson.Begin()
                .String("request-id", RequestId)
                .Number("nonce", Nonce)
                .Bool("granted", Granted)
                .String("reason", Reason)
                .Number("unlock-ms", UnlockMilliseconds)
                .EndObject().ToBytes();
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
                || !LinkJson.OptionalLong(o, "unlock-ms", 0, out r.UnlockMilliseconds, ref error))
            {
                return false;
            }
            if (r.UnlockMilliseconds < 0 || r.UnlockMilliseconds > MaxUnlockMilliseconds)
            {
                error = "\"unlock-ms\" out of range";
                return false;
            }
            response = r;
            return true;
        }
    }
}

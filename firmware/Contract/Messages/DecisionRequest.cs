namespace DoorController.Contract
{
    /// <summary>
    /// Online decision request on dc/v1/dev/&lt;id&gt;/decide/req (QoS 0: a late answer is useless, the controller
    /// falls back to its local decision after the timeout instead of retrying). The credential travels as its keyed
    /// hash (hex), never as the raw card number. "nonce" never repeats on a controller (boot counter × 2^32 + the
    /// number of messages it signed since boot): the answer must echo it, and the server refuses a request whose
    /// nonce is not above the last it accepted from that controller. "at" is only the controller's claim of the time:
    /// the server decides on its own clock. "interlock": true only when the door paired with this one is open or
    /// unlocked (interlock on; absent otherwise): the decision core refuses with reason "interlock".
    /// </summary>
    public sealed class DecisionRequest
    {
        /// <summary>9999-12-31T23:59:59Z: a later "at" is no time at all.</summary>
        public const long MaxAt = 253402300799;

        public string RequestId;
        public long Nonce;
        public int Door;
        public int Reader;
        public string CredentialKind;
        public string CredentialHash;
        public long At;
        public bool ClockUncertain;
        public bool OtherDoorNotSecure;

        public byte[] ToJson()
        {
            Json.JsonWriter json = LinkJson.Begin()
                .String("request-id", RequestId)
                .Number("nonce", Nonce)
                .Number("door", Door)
                .Number("reader", Reader)
                .String("credential-kind", CredentialKind)
                .String("credential", CredentialHash)
                .Number("at", At)
                .Bool("clock-uncertain", ClockUncertain);
            if (OtherDoorNotSecure)
            {
                json.Bool("interlock", true); // only when set: requests without it keep their bytes
            }
            return json.EndObject().ToBytes();
        }

        /// <summary>Server side (and test responders): parse a request whose MAC was verified.</summary>
        public static bool TryParse(byte[] payload, out DecisionRequest request, out string error)
        {
            request = null;
            Json.JsonObject o;
            if (!LinkJson.TryOpen(payload, out o, out error))
            {
                return false;
            }
            DecisionRequest r = new DecisionRequest();
            long door, reader, at;
            bool uncertain;
            if (!LinkJson.RequireString(o, "request-id", out r.RequestId, ref error)
                || !LinkJson.RequireLong(o, "nonce", out r.Nonce, ref error)
                || !LinkJson.RequireLong(o, "door", out door, ref error)
                || !LinkJson.RequireLong(o, "reader", out reader, ref error)
                || !LinkJson.RequireString(o, "credential-kind", out r.CredentialKind, ref error)
                || !LinkJson.RequireString(o, "credential", out r.CredentialHash, ref error)
                || !LinkJson.RequireLong(o, "at", out at, ref error)
                || !LinkJson.RequireBool(o, "clock-uncertain", out uncertain, ref error))
            {
                return false;
            }
            if (o.Has("interlock") && !o.IsNull("interlock") && !o.TryGetBool("interlock", out r.OtherDoorNotSecure))
            {
                error = "\"interlock\" must be true or false";
                return false;
            }
            if (door < 0 || door > int.MaxValue || reader < 0 || reader > int.MaxValue)
            {
                error = "\"door\" and \"reader\" must be numbers from 0 to " + int.MaxValue;
                return false;
            }
            if (at < 0 || at > MaxAt)
            {
                error = "\"at\" is not a Unix time before the year 10000";
                return false;
            }
            r.Door = (int)door;
            r.Reader = (int)reader;
            r.At = at;
            r.ClockUncertain = uncertain;
            request = r;
            return true;
        }
    }
}

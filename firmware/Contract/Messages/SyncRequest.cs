namespace DoorController.Contract
{
    /// <summary>
    /// Cache sync request on dc/v1/dev/&lt;id&gt;/sync/req: "have" is the installed bundle version (0 = none), so the
    /// server can answer with a delta from that version or a full snapshot.
    /// </summary>
    public sealed class SyncRequest
    {
        public long Nonce;
        public long Have;
        public string Reason;

        public byte[] ToJson()
        {
            return LinkJson.Begin().Number("nonce", Nonce).Number("have", Have).String("reason", Reason).EndObject().ToBytes();
        }

        public static bool TryParse(byte[] payload, out SyncRequest request, out string error)
        {
            request = null;
            Json.JsonObject o;
            if (!LinkJson.TryOpen(payload, out o, out error))
            {
                return false;
            }
            SyncRequest r = new SyncRequest();
            if (!LinkJson.RequireLong(o, "nonce", out r.Nonce, ref error)
                || !LinkJson.RequireLong(o, "have", out r.Have, ref error) || !LinkJson.OptionalString(o, "reason", out r.Reason, ref error))
            {
                return false;
            }
            request = r;
            return true;
        }
    }
}

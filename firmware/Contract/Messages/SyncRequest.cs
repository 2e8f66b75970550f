namespace DoorController.Contract
{
    /// <summary>
    /// Cache sync request on dc/v1/dev/&lt;id&gt;/sync/req: "have" is the installed bundle version (0 = none), so the
    /// server can answer with a delta from that version or a full snapshot; "flash-mb" is the board's flash size
    /// (<see cref="BoardFlash"/>), so the server never sends a bundle the controller has no room for (0 or absent: the
    /// size given at the device's registration).
    /// </summary>
    public sealed class SyncRequest
    {
        public long Nonce;
        public long Have;
        public string Reason;
        public int FlashMegabytes;

        public byte[] ToJson()
        {
            return LinkJson.Begin().Number("nonce", Nonce).Number("have", Have).String("reason", Reason).Number("flash-mb", FlashMegabytes).EndObject().ToBytes();
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
            long flash;
            if (!LinkJson.RequireLong(o, "nonce", out r.Nonce, ref error)
                || !LinkJson.RequireLong(o, "have", out r.Have, ref error) || !LinkJson.OptionalString(o, "reason", out r.Reason, ref error)
                || !LinkJson.OptionalLong(o, "flash-mb", 0, out flash, ref error))
            {
                return false;
            }
            if (flash != 0 && !BoardFlash.IsSupported((int)flash))
            {
                error = "flash-mb " + flash.ToString() + " is not a board size with a flash plan (4, 8 or 16)";
                return false;
            }
            r.FlashMegabytes = (int)flash;
            request = r;
            return true;
        }
    }
}

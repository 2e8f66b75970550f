namespace DoorController.Contract
{
    /// <summary>
    /// The controller's verdict on a bundle, on dc/v1/dev/&lt;id&gt;/sync/result: applied (ok) or refused with the
    /// reason; "installed" is the version in force afterwards.
    /// </summary>
    public sealed class SyncResult
    {
        public long Nonce;
        public long Version;
        public bool Ok;
        public string Error;
        public long Installed;

        public byte[] ToJson()
        {
            return LinkJson.Begin()
                .Number("nonce", Nonce)
                .Number("version", Version)
                .Bool("ok", Ok)
                .String("error", Error)
                .Number("installed", Installed)
                .EndObject().ToBytes();
        }

        public static bool TryParse(byte[] payload, out SyncResult result, out string error)
        {
            result = null;
            Json.JsonObject o;
            if (!LinkJson.TryOpen(payload, out o, out error))
            {
                return false;
            }
            SyncResult r = new SyncResult();
            if (!LinkJson.RequireLong(o, "nonce", out r.Nonce, ref error)
                || !LinkJson.RequireLong(o, "version", out r.Version, ref error)
                || !LinkJson.RequireBool(o, "ok", out r.Ok, ref error)
                || !LinkJson.OptionalString(o, "error", out r.Error, ref error)
                || !LinkJson.RequireLong(o, "installed", out r.Installed, ref error))
            {
                return false;
            }
            result = r;
            return true;
        }
    }
}

namespace DoorController.Contract
{
    /// <summary>Outcome of a command on dc/v1/dev/&lt;id&gt;/cmd/result, correlated by "request-id".</summary>
    public sealed class CommandResult
    {
        public long Nonce;
        public string RequestId;
        public string Command;
        public bool Ok;
        public string Error;

        public byte[] ToJson()
        {
            return LinkJson.Begin()
                .Number("nonce", Nonce)
                .String("request-id", RequestId)
                .String("command", Command)
                .Bool("ok", Ok)
                .String("error", Error)
                .EndObject().ToBytes();
        }

        public static bool TryParse(byte[] payload, out CommandResult result, out string error)
        {
            result = null;
            Json.JsonObject o;
            if (!LinkJson.TryOpen(payload, out o, out error))
            {
                return false;
            }
            CommandResult r = new CommandResult();
            if (!LinkJson.RequireLong(o, "nonce", out r.Nonce, ref error)
                || !LinkJson.OptionalString(o, "request-id", out r.RequestId, ref error)
                || !LinkJson.OptionalString(o, "command", out r.Command, ref error)
                || !LinkJson.RequireBool(o, "ok", out r.Ok, ref error)
                || !LinkJson.OptionalString(o, "error", out r.Error, ref error))
            {
                return false;
            }
            result = r;
            return true;
        }
    }
}

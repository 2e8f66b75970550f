using System.Collections.Generic;
using DoorController.Server.Api;
using DoorController.Server.Storage;

namespace DoorController.Server.Services
{
    /// <summary>
    /// Credential rule per reader: one credential (the default), or card + PIN during some weekly windows (site-local
    /// time), the two factors at most some seconds apart. Decided by the core's credential-rule check online and, from
    /// the reader's entry in the signed cache, offline; a change bumps the reader's controller.
    /// </summary>
    public sealed class CredentialRules
    {
        public const int MinSeconds = 3;
        public const int MaxSeconds = 60;
        private readonly ServerContext _ctx;
        private readonly CacheVersions _versions;

        public CredentialRules(ServerContext ctx, CacheVersions versions)
        {
            _ctx = ctx;
            _versions = versions;
        }

        public object Get(string readerId)
        {
            var reader = _ctx.Db.QuerySingle("SELECT card_pin_seconds FROM readers WHERE id = @r", new { r = readerId });
            if (reader == null) throw ApiException.NotFound("reader", readerId);
            var windows = WeeklyWindowTable.CardAndPin.Read(_ctx.Db, readerId);
            return windows.Count == 0
                ? new { mode = "single", seconds = (long?)null, windows = new List<Dictionary<string, object>>() }
                : new { mode = "card+pin", seconds = (long?)(reader.NLong("card_pin_seconds") ?? DoorController.Access.CredentialRuleCheck.DefaultSeconds), windows = RowJson.Of(windows) };
        }

        /// <summary>Card + PIN during <paramref name="windows"/> (1-8), factors within <paramref name="seconds"/>.</summary>
        public void SetCardAndPin(string readerId, int seconds, List<WindowInput> windows)
        {
            if (seconds < MinSeconds || seconds > MaxSeconds) throw ApiException.BadRequest("seconds must be " + MinSeconds + "-" + MaxSeconds);
            if (windows == null || windows.Count == 0 || windows.Count > 8) throw ApiException.BadRequest("windows must list 1-8 windows");
            Write(readerId, seconds, windows);
        }

        /// <summary>Back to one credential at all times.</summary>
        public void SetSingle(string readerId) => Write(readerId, null, new List<WindowInput>());

        private void Write(string readerId, int? seconds, List<WindowInput> windows)
        {
            _ctx.Db.InTransaction(tx =>
            {
                var reader = tx.QuerySingle("SELECT device_id FROM readers WHERE id = @r", new { r = readerId });
                if (reader == null) throw ApiException.NotFound("reader", readerId);
                tx.Execute("UPDATE readers SET card_pin_seconds = @s WHERE id = @r", new { s = seconds, r = readerId });
                WeeklyWindowTable.CardAndPin.Replace(tx, readerId, windows);
                _versions.Bump(tx, reader.Str("device_id"));
            });
        }
    }
}

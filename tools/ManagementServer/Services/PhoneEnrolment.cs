using System.Collections.Generic;
using DoorController.Contract;
using DoorController.Core;
using DoorController.Server.Api;
using DoorController.Server.Storage;

namespace DoorController.Server.Services
{
    /// <summary>
    /// Enrols a person's phone (docs/credentials.md "Mobile credentials"): registers their BLE and QR credentials if
    /// they have none (the credential is the user reference, hashed like any other), and returns what the phone app
    /// needs to make tokens — the user reference and the two per-user keys derived from the site key. The site key
    /// never leaves the server; a leaked phone key forges that one person's tokens only, and revoking the person's BLE
    /// credential stops them at every door. The keys are shown in this answer only, never stored or logged.
    /// </summary>
    public sealed class PhoneEnrolment
    {
        private readonly ServerContext _ctx;
        private readonly UserRegistry _users;

        public PhoneEnrolment(ServerContext ctx, UserRegistry users)
        {
            _ctx = ctx;
            _users = users;
        }

        public sealed record Result(bool Created, object Body);

        public Result Enrol(string userId)
        {
            var user = _ctx.Db.QuerySingle("SELECT id, revoked FROM users WHERE id = @u", new { u = userId });
            if (user == null || user.Bool("revoked")) throw ApiException.NotFound("active user", userId);
            var created = new List<string>();
            foreach (string method in new[] { "ble", "qr" })
            {
                if (_ctx.Db.QuerySingle("SELECT id FROM credentials WHERE user_id = @u AND method = @m AND revoked = 0", new { u = userId, m = method }) == null)
                {
                    created.Add(_users.AddCredential(userId, new CredentialInput(method, "")));
                }
            }
            uint userRef = (uint)NumericIds.Of(_ctx.Db, userId);
            byte[] siteKey = _ctx.Keys.CredentialKey;
            var body = new
            {
                userId,
                userRef,
                bleKey = Hex.Encode(TokenKeys.DeriveUserKey(siteKey, TokenKeys.BlePurpose, userRef)),
                qrKey = Hex.Encode(TokenKeys.DeriveUserKey(siteKey, TokenKeys.QrPurpose, userRef)),
                companyId = BleToken.DefaultCompanyId,
                tokenVersion = BleToken.Version,
                stepSeconds = BleToken.DefaultStepSeconds,
                credentials = created,
            };
            return new Result(created.Count > 0, body);
        }
    }
}

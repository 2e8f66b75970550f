using System;
using System.Collections.Generic;
using DoorController.Server.Api;

namespace DoorController.Server.Services
{
    /// <summary>
    /// Time-limited keys: guest passes (a guest user tied to the inviting employee, valid in a window, with a Fig 9B
    /// route per reader of the pass so that alerts about the guest reach the inviter) and one-time delivery codes
    /// (an 8-digit PIN usable once, then spent). Generated codes are returned to the caller once; only their keyed
    /// hash is stored.
    /// </summary>
    public sealed class PassIssuer
    {
        public const int GuestPinDigits = 6;
        public const int DeliveryCodeDigits = DoorController.Access.PinRule.MaximumDigits;
        /// <summary>MQTT terminal topic of an inviter without a webhook contact: their phone app or desk terminal.</summary>
        public const string InviterTopicPrefix = DoorController.Contract.LinkTopics.TerminalPrefix + "user-";
        public const long MaxPassDurationMs = 31L * 24 * 3600 * 1000;
        /// <summary>Longest check-in / check-out margin of a guest pass (early entry before validFrom, late exit after validUntil).</summary>
        public const int MaxMarginMinutes = 24 * 60;

        private readonly ServerContext _ctx;
        private readonly UserRegistry _users;

        public PassIssuer(ServerContext ctx, UserRegistry users)
        {
            _ctx = ctx;
            _users = users;
        }

        /// <summary>
        /// Returns the guest's user id and the generated PIN (null when the caller supplied a credential). Alerts about
        /// the guest at the pass's readers go to <paramref name="notifyChannel"/>/<paramref name="notifyTarget"/>, or
        /// when not given to the inviter: their webhook when their contact is an http(s) URL, else their terminal
        /// topic (<see cref="InviterTopicPrefix"/> + the inviter's number).
        /// </summary>
        /// <remarks>Check-in / check-out margins: the pass opens <paramref name="earlyEntryMinutes"/> before
        /// <paramref name="validFrom"/> and keeps opening <paramref name="lateExitMinutes"/> after
        /// <paramref name="validUntil"/> (the credential's and the guest's validity carry the margins, so the decision
        /// core judges them to the second, online and offline).</remarks>
        public (string UserId, string Code) IssueGuestPass(string name, string inviterId, long validFrom, long validUntil, List<string> readerIds, CredentialInput credential,
            string notifyChannel = null, string notifyTarget = null, int earlyEntryMinutes = 0, int lateExitMinutes = 0)
        {
            if (string.IsNullOrEmpty(inviterId)) throw ApiException.BadRequest("inviterId is required");
            CheckWindow(validFrom, validUntil, readerIds);
            if (earlyEntryMinutes < 0 || earlyEntryMinutes > MaxMarginMinutes || lateExitMinutes < 0 || lateExitMinutes > MaxMarginMinutes)
            {
                throw ApiException.BadRequest("earlyEntryMinutes and lateExitMinutes must be 0-" + MaxMarginMinutes);
            }
            validFrom -= earlyEntryMinutes * 60_000L;
            validUntil += lateExitMinutes * 60_000L;
            if ((notifyChannel == null) != (notifyTarget == null)) throw ApiException.BadRequest("give both notifyChannel and notifyTarget or neither");
            var inviter = _ctx.Db.QuerySingle("SELECT contact FROM users WHERE id = @i AND revoked = 0", new { i = inviterId });
            if (inviter == null) throw ApiException.NotFound("inviter", inviterId);
            if (notifyChannel == null)
            {
                string contact = inviter.Str("contact");
                bool web = contact != null && (contact.StartsWith("https://", StringComparison.Ordinal) || contact.StartsWith("http://", StringComparison.Ordinal));
                notifyChannel = web ? "webhook" : "mqtt";
                notifyTarget = web ? contact : InviterTopicPrefix + Storage.NumericIds.Of(_ctx.Db, inviterId);
            }
            var routes = new List<RouteInput>();
            foreach (string reader in readerIds) routes.Add(new RouteInput(reader, notifyChannel, notifyTarget, "guest"));
            string code = null;
            if (credential == null)
            {
                code = Ids.NewNumericCode(GuestPinDigits);
                credential = new CredentialInput("pin", code);
            }
            credential = credential with { ValidFrom = validFrom, ValidUntil = validUntil };
            string id = _users.Register(new UserInput(name, "guest", null, null, inviterId, validFrom, validUntil,
                new List<CredentialInput> { credential }, AllDay(readerIds)) { Routes = routes });
            return (id, code);
        }

        /// <summary>A disposable key (usable once), or with <paramref name="minutesAfterFirstUse"/> a courier's key valid
        /// that long after its first use.</summary>
        public (string UserId, string Code) IssueDeliveryCode(string label, long validUntil, List<string> readerIds, int? minutesAfterFirstUse = null)
        {
            long now = _ctx.NowMs;
            CheckWindow(now, validUntil, readerIds);
            string code = Ids.NewNumericCode(DeliveryCodeDigits);
            var key = new CredentialInput("pin", code, now, validUntil, !minutesAfterFirstUse.HasValue, MinutesAfterFirstUse: minutesAfterFirstUse);
            string id = _users.Register(new UserInput(string.IsNullOrWhiteSpace(label) ? "delivery" : label, "delivery", null, null, null, now, validUntil,
                new List<CredentialInput> { key }, AllDay(readerIds)));
            return (id, code);
        }

        private static void CheckWindow(long from, long until, List<string> readerIds)
        {
            if (until <= from) throw ApiException.BadRequest("validUntil must be after validFrom");
            if (until - from > MaxPassDurationMs) throw ApiException.BadRequest("a pass may last at most 31 days");
            if (readerIds == null || readerIds.Count == 0 || readerIds.Count > 64) throw ApiException.BadRequest("readerIds must list 1-64 readers");
        }

        private static List<PermissionInput> AllDay(List<string> readerIds)
        {
            var list = new List<PermissionInput>();
            foreach (string r in readerIds)
            {
                list.Add(new PermissionInput(r, new List<WindowInput> { new WindowInput(127, 0, 1440) /* every day, all day: the pass window limits it */ }));
            }
            return list;
        }
    }
}

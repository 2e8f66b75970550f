using System;
using System.Collections.Generic;
using DoorController.Access;
using DoorController.Core;
using DoorController.Server.Services;
using DoorController.Server.Storage;

namespace DoorController.Server.Decisions
{
    /// <summary>
    /// After-the-fact checks for grants a controller made offline (their anti-passback was skipped): each pending
    /// row is judged, oldest first across every reader, by the decision core itself — a pipeline whose presence is
    /// rebuilt from that user's earlier passages (all readers, all controllers) — and a finding raises an alert
    /// routed by the policy. A row is marked reviewed in the same transaction as its alert, so a crash in the
    /// middle neither loses nor repeats a review.
    /// </summary>
    public sealed class RetroReview
    {
        /// <summary>How far back a user's passages are replayed to rebuild presence.</summary>
        public static readonly TimeSpan HistoryWindow = TimeSpan.FromDays(2);
        public const int BatchSize = 500;
        private readonly ServerServices _s;
        private readonly OnlineDecider _decider;

        public RetroReview(ServerServices services, OnlineDecider decider)
        {
            _s = services;
            _decider = decider;
        }

        private const string Unverifiable = "unverifiable";

        public long Reviewed { get; private set; }
        public long Findings { get; private set; }

        /// <summary>Reviews every pending row; returns how many were reviewed.</summary>
        public int RunPending()
        {
            int total = 0;
            while (true)
            {
                var pending = _s.Context.Db.Query("SELECT id, device_id, reader_id, user_id, method, credential_hash, direction, occurred_at FROM access_log " +
                    "WHERE retro_checked = 0 ORDER BY occurred_at, id LIMIT @n", new { n = (long)BatchSize });
                if (pending.Count == 0) return total;
                foreach (var row in pending)
                {
                    Review(row);
                    total++;
                }
            }
        }

        private void Review(Row p)
        {
            string finding = p.Str("user_id") == null || p.Str("credential_hash") == null ? null : Judge(p);
            _s.Context.Db.InTransaction(tx =>
            {
                if (tx.Execute("UPDATE access_log SET retro_checked = 1, fraud = @f WHERE id = @i AND retro_checked = 0", new { f = finding != null && finding != Unverifiable, i = p.Long("id") }) == 0) return;
                if (finding == Unverifiable)
                {
                    _s.Alerts.Raise(tx, "retro-unverifiable", "low", p.Str("user_id"), p.Str("device_id"), p.Str("reader_id"), p.Long("id"),
                        "after-the-fact: offline grant at reader " + p.Str("reader_id") + " could not be re-checked (credential or user no longer on file)");
                }
                else if (finding != null)
                {
                    _s.Alerts.Raise(tx, "retro-fraud", "high", p.Str("user_id"), p.Str("device_id"), p.Str("reader_id"), p.Long("id"),
                        "after-the-fact: offline grant at reader " + p.Str("reader_id") + " was " + finding);
                    Findings++;
                }
            });
            Reviewed++;
        }

        /// <summary>The rule the offline grant broke (e.g. apb-entry-without-exit) if it is fraud by policy, else null.</summary>
        private string Judge(Row p)
        {
            long at = p.Long("occurred_at");
            var history = _s.Context.Db.Query("SELECT reader_id, direction, occurred_at FROM access_log WHERE user_id = @u AND granted = 1 " +
                "AND direction IN ('entry', 'exit') AND occurred_at >= @from AND (occurred_at < @at OR (occurred_at = @at AND id < @id)) ORDER BY occurred_at, id",
                new { u = p.Str("user_id"), from = at - (long)HistoryWindow.TotalMilliseconds, at, id = p.Long("id") });
            byte[] hash;
            CredentialMethod method;
            if (!Hex.TryDecode(p.Str("credential_hash"), out hash) || hash.Length != DoorController.Access.CredentialHasher.HashLength
                || !Services.CredentialHasher.TryMethod(p.Str("method"), out method)) return null;
            int user = NumericIds.Of(_s.Context.Db, p.Str("user_id"));
            int reader = NumericIds.Of(_s.Context.Db, p.Str("reader_id"));
            var nums = new Dictionary<string, int>();
            foreach (var h in history) if (!nums.ContainsKey(h.Str("reader_id"))) nums[h.Str("reader_id")] = NumericIds.Of(_s.Context.Db, h.Str("reader_id"));
            return _decider.WithSnapshot((snapshot, options) =>
            {
                var sources = new AccessSources
                {
                    Credentials = snapshot.Credentials, Users = snapshot.Users, Site = snapshot.Site, Permissions = snapshot.Permissions,
                    Policies = snapshot.Policies, Presence = new InMemoryPresenceStore(16), UseCounter = new UseCounterTable(snapshot.Credentials.Count + 1),
                };
                var pipeline = new AccessPipeline(sources, options);
                foreach (var h in history)
                {
                    pipeline.CommitPassage(user, nums[h.Str("reader_id")], h.Str("direction") == "entry" ? Direction.Entry : Direction.Exit, h.Long("occurred_at") / 1000);
                }
                var request = new AccessRequest();
                request.Set(reader, method, at / 1000, DecisionMode.Online, Direction.Unknown);
                request.SetHash(hash, 0);
                var d = pipeline.Decide(request);
                if (d.Fraud) return ReasonCodes.Name(d.FraudRule);
                // Credential or user gone since (revoked, removed): the core cannot judge the passage any more.
                if (d.Reason == ReasonCode.UnknownCredential || d.Reason == ReasonCode.UnknownUser) return Unverifiable;
                return null;
            });
        }
    }
}

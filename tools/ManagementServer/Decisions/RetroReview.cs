using System;
using System.Collections.Generic;
using DoorController.Access;
using DoorController.Core;
using DoorController.Server.Services;
using DoorController.Server.Storage;

namespace DoorController.Server.Decisions
{
    /// <summary>
    /// After-the-fact checks for grants a controller made offline (it skipped anti-passback and impossible travel, and
    /// the schedule check without the server's schedules): pending rows are judged oldest first across every reader by
    /// the decision core itself — per user, a pipeline whose presence and last sighting are rebuilt from that user's
    /// passages (all readers, all controllers) in time order, each pending passage decided again at its own time, with
    /// every check, before it is committed. A finding that the core calls fraud by policy (S217) raises an alert
    /// routed like an online one (the user's notification routes for that reader, Fig 9B). Marks and alerts of a batch are one transaction, and pending rows are
    /// reviewed again at start-up, so a crash neither loses nor repeats a review.
    /// Controllers replay in their own order, so a passage can arrive after a later one that was already judged without
    /// it (Osaka's grant reviewed before Tokyo's earlier one reaches the server): the user's granted passages up to
    /// <see cref="HistoryWindow"/> after a pending one are decided again too, and one that now breaks a rule is marked
    /// and alerted once (its fraud mark is the guard against a second alert).
    /// </summary>
    public sealed class RetroReview
    {
        /// <summary>How far back a user's passages are replayed to rebuild presence.</summary>
        public static readonly TimeSpan HistoryWindow = TimeSpan.FromDays(2);
        public const int BatchSize = 5000;
        private const string Unverifiable = "unverifiable";
        private readonly ServerServices _s;
        private readonly OnlineDecider _decider;
        private readonly object _gate = new object();

        public RetroReview(ServerServices services, OnlineDecider decider)
        {
            _s = services;
            _decider = decider;
        }

        public long Reviewed { get; private set; }
        public long Findings { get; private set; }

        /// <summary>Reviews every pending row; returns how many were reviewed now.</summary>
        public int RunPending()
        {
            lock (_gate)
            {
                int total = 0;
                while (true)
                {
                    var pending = _s.Context.Db.Query("SELECT id, device_id, reader_id, user_id, method, credential_hash, occurred_at FROM access_log " +
                        "WHERE retro_checked = 0 ORDER BY occurred_at, id LIMIT @n", new { n = (long)BatchSize });
                    if (pending.Count == 0) return total;
                    var findings = Judge(pending, out var later);
                    _s.Context.Db.InTransaction(tx =>
                    {
                        foreach (var p in pending)
                        {
                            findings.TryGetValue(p.Long("id"), out string finding);
                            bool fraud = finding != null && finding != Unverifiable;
                            if (tx.Execute("UPDATE access_log SET retro_checked = 1, fraud = @f WHERE id = @i AND retro_checked = 0", new { f = fraud, i = p.Long("id") }) == 0) continue;
                            if (finding == Unverifiable)
                            {
                                _s.Alerts.Raise(tx, "retro-unverifiable", "low", p.Str("user_id"), p.Str("device_id"), p.Str("reader_id"), p.Long("id"),
                                    "after-the-fact: offline grant at reader " + p.Str("reader_id") + " could not be re-checked (credential or user no longer on file)");
                            }
                            else if (fraud)
                            {
                                _s.Alerts.Raise(tx, "retro-fraud", "high", p.Str("user_id"), p.Str("device_id"), p.Str("reader_id"), p.Long("id"),
                                    "after-the-fact: offline grant at reader " + p.Str("reader_id") + " was " + finding);
                                Findings++;
                            }
                        }
                        foreach (var l in later)
                        {
                            if (tx.Execute("UPDATE access_log SET fraud = 1 WHERE id = @i AND fraud = 0", new { i = l.Id }) == 0) continue;
                            _s.Alerts.Raise(tx, "retro-fraud", "high", l.User, l.Device, l.Reader, l.Id,
                                "after-the-fact: " + l.Source + " grant at reader " + l.Reader + " was " + l.Finding + " (an earlier passage arrived later)");
                            Findings++;
                        }
                    });
                    Reviewed += pending.Count;
                    total += pending.Count;
                }
            }
        }

        /// <summary>A judged passage that was already on file, after a pending one of the same user, that now breaks a rule.</summary>
        private sealed record LaterFinding(long Id, string User, string Device, string Reader, string Source, string Finding);

        private sealed record Passage(long Id, string User, string Reader, bool Entry, long At, string Device, string Method, string Hash, string Source, bool Fraud, bool Checked, bool Passed);

        /// <summary>Row id → the rule broken (fraud by policy), <see cref="Unverifiable"/>, or absent (fine); and the
        /// later passages already on file that the pending ones now show to break a rule.</summary>
        private Dictionary<long, string> Judge(List<Row> pending, out List<LaterFinding> later)
        {
            var result = new Dictionary<long, string>();
            var found = later = new List<LaterFinding>();
            var pendingIds = new HashSet<long>();
            var earliestPending = new Dictionary<string, long>();
            long first = long.MaxValue, last = long.MinValue;
            foreach (var p in pending)
            {
                string u = p.Str("user_id");
                if (u == null) continue;
                if (p.Str("credential_hash") == null)
                {
                    // The journalled hash prefix matched no credential of the person, or several (CredentialPrefixMatch).
                    result[p.Long("id")] = Unverifiable;
                    continue;
                }
                pendingIds.Add(p.Long("id"));
                long at = p.Long("occurred_at");
                earliestPending[u] = earliestPending.TryGetValue(u, out long e) ? Math.Min(e, at) : at;
                first = Math.Min(first, at);
                last = Math.Max(last, at);
            }
            if (pendingIds.Count == 0) return result;
            // Every granted passage in the span of this batch, all users at once, in time order (streamed: this
            // scan is most of a review pass).
            var nums = new Dictionary<string, int>();
            // A grant at a door with a contact is a passage only once the door opened (passage 'opened'); one still
            // awaiting its door or never opened is judged (if pending) but moves nobody, as online.
            var history = new List<Passage>();
            long window = (long)HistoryWindow.TotalMilliseconds;
            _s.Context.Db.Scan("SELECT id, user_id, reader_id, direction, occurred_at, device_id, method, credential_hash, source, fraud, retro_checked, passage FROM access_log " +
                "WHERE granted = 1 AND user_id IS NOT NULL AND direction IN ('entry', 'exit') AND occurred_at >= @from AND occurred_at <= @to ORDER BY occurred_at, id",
                new { from = first - window, to = last + window },
                r =>
                {
                    string user = r.GetString(1);
                    if (!earliestPending.TryGetValue(user, out long since)) return; // only this batch's users are judged
                    long at = Convert.ToInt64(r.GetValue(4));
                    if (at > since + window) return; // beyond what this user's pending passages can change
                    history.Add(new Passage(Convert.ToInt64(r.GetValue(0)), user, r.IsDBNull(2) ? null : r.GetString(2), r.GetString(3) == "entry", at,
                        r.GetString(5), r.IsDBNull(6) ? null : r.GetString(6), r.IsDBNull(7) ? null : r.GetString(7), r.GetString(8), Convert.ToInt64(r.GetValue(9)) != 0,
                        Convert.ToInt64(r.GetValue(10)) != 0, r.IsDBNull(11) || r.GetString(11) == AccessEvent.Opened));
                });
            _decider.WithSnapshot((snapshot, options) =>
            {
                var pipelines = new Dictionary<string, AccessPipeline>();
                var sightings = new Dictionary<string, InMemoryLastSeen>();
                var sighting = new Sighting();
                var request = new AccessRequest();
                var decision = new AccessDecision();
                foreach (var h in history)
                {
                    string userId = h.User;
                    if (!pipelines.TryGetValue(userId, out var pipeline))
                    {
                        // The travel check needs where the person was last seen: this review's own source, fed below.
                        sightings[userId] = new InMemoryLastSeen();
                        var sources = new AccessSources
                        {
                            Credentials = snapshot.Credentials, Users = snapshot.Users, Site = snapshot.Site, Permissions = snapshot.Permissions,
                            Policies = snapshot.Policies, Schedule = snapshot.Schedule, Holidays = snapshot.Holidays, Presence = new InMemoryPresenceStore(16),
                            UseCounter = new UseCounterTable(4), KeyUses = new KeyUseTable(4), LastSeen = sightings[userId],
                        };
                        pipelines[userId] = pipeline = new AccessPipeline(sources, options);
                    }
                    // Numbers never change once assigned (cached); an unknown id is 0, as before.
                    int user = NumberOf(nums, userId);
                    int reader = NumberOf(nums, h.Reader);
                    long atUnix = h.At / 1000;
                    if (pendingIds.Contains(h.Id))
                    {
                        result[h.Id] = JudgeOne(pipeline, request, decision, h.Hash, h.Method, reader, atUnix);
                    }
                    else if (h.At > earliestPending[userId] && h.Checked && !h.Fraud) // a still-pending one is judged in its own batch
                    {
                        string finding = JudgeOne(pipeline, request, decision, h.Hash, h.Method, reader, atUnix);
                        if (finding != null && finding != Unverifiable) found.Add(new LaterFinding(h.Id, userId, h.Device, h.Reader, h.Source, finding));
                    }
                    Direction d = h.Entry ? Direction.Entry : Direction.Exit;
                    if (user != 0 && reader != 0)
                    {
                        // Seen at the reader on any grant (as online); inside or outside only if the door opened.
                        if (h.Passed) pipeline.CommitPassage(user, reader, d, atUnix);
                        Reader seenAt = snapshot.Site.FindReader(reader);
                        if (seenAt != null)
                        {
                            sighting.SetFromReader(user, seenAt, atUnix);
                            sightings[userId].Record(sighting);
                        }
                    }
                }
                return 0;
            });
            return result;
        }

        /// <summary>The id's number, 0 if it has none; memoised per pass so a missing one costs one query, not one per row.</summary>
        private int NumberOf(Dictionary<string, int> nums, string id)
        {
            if (id == null) return 0;
            if (!nums.TryGetValue(id, out int n)) nums[id] = n = NumericIds.Of(_s.Context.Db, id);
            return n;
        }

        private static string JudgeOne(AccessPipeline pipeline, AccessRequest request, AccessDecision decision, string credentialHash, string methodName, int reader, long atUnix)
        {
            byte[] hash;
            CredentialMethod method;
            if (credentialHash == null || !Hex.TryDecode(credentialHash, out hash) || hash.Length != DoorController.Access.CredentialHasher.HashLength
                || !Services.CredentialHasher.TryMethod(methodName, out method) || reader == 0) return null;
            request.Set(reader, method, atUnix, DecisionMode.Online, Direction.Unknown);
            request.SetHash(hash, 0);
            pipeline.Decide(request, decision);
            if (decision.Fraud) return ReasonCodes.Name(decision.FraudRule);
            // Credential or user gone since (revoked, removed): the core cannot judge the passage any more.
            if (decision.Reason == ReasonCode.UnknownCredential || decision.Reason == ReasonCode.UnknownUser) return Unverifiable;
            return null;
        }
    }
}

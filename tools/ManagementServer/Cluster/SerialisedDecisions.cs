using System;
using System.Collections.Generic;
using DoorController.Server.Decisions;
using DoorController.Server.Services;
using DoorController.Server.Storage;

namespace DoorController.Server.Cluster
{
    /// <summary>
    /// Online decisions when several instances share one PostgreSQL database: a batch is decided inside the
    /// transaction that logs it. In order: claim each request's nonce in <c>request_nonces</c> (a sealed request
    /// consumed by a second instance finds its nonce taken, or waits for the first's commit and then finds it, and is
    /// refused undecided; one controller's requests may still commit out of order on different instances), lock the people the batch's credentials belong to (<see cref="UserLocks"/>),
    /// read the shared cache generation (a revocation committed by another instance reloads the snapshot now), read
    /// those people's presence rows (another instance may have moved them), decide each request with the decision
    /// core, write the rows, presence and card + PIN first factors; the commit releases the locks, and only then are the answers sent. Two
    /// simultaneous entries of one person at two doors on two instances are therefore decided one after the other,
    /// the second against the first's committed presence: never two grants.
    /// </summary>
    public sealed class SerialisedDecisions
    {
        private readonly ServerContext _ctx;
        private readonly OnlineDecider _decider;
        private readonly OnlineEventIds _eventIds;
        private readonly Action<string, string> _replayed;

        /// <param name="replayed">Told of each request refused as a replay (the device, a sentence for the operator).</param>
        public SerialisedDecisions(ServerContext ctx, OnlineDecider decider, OnlineEventIds eventIds, Action<string, string> replayed)
        {
            _ctx = ctx;
            _decider = decider;
            _eventIds = eventIds;
            _replayed = replayed;
        }

        /// <summary>Decides every item of <paramref name="batch"/> inside <paramref name="tx"/>; an item whose
        /// decision fails keeps a null outcome and is not answered (the controller decides from its cache).</summary>
        public void Decide(Tx tx, List<PendingDecision> batch)
        {
            // Claimed in (controller, nonce) order: two batches holding copies of the same requests wait for each
            // other in one order, never in a cycle.
            var claims = new List<(string Device, long Nonce)>(batch.Count);
            foreach (var item in batch) claims.Add((item.DeviceId, item.Request.Nonce));
            claims.Sort((a, b) => a.Device != b.Device ? string.CompareOrdinal(a.Device, b.Device) : a.Nonce.CompareTo(b.Nonce));
            var nonceDevices = new string[claims.Count];
            var nonces = new long[claims.Count];
            for (int i = 0; i < claims.Count; i++) (nonceDevices[i], nonces[i]) = claims[i];
            var users = new HashSet<int>();
            var asked = new List<(int Reader, int User)>(batch.Count);
            foreach (var item in batch)
            {
                int user = _decider.UserOf(item.Request);
                if (user != 0) users.Add(user);
                asked.Add((item.Request.Reader, user));
            }
            // One round trip: the nonces claimed, the people's locks, then (after them: whatever the previous holder
            // changed is committed) the shared generation (a revocation made through another instance) and these
            // people's presence.
            var ids = new List<string>();
            foreach (int user in users)
            {
                string id = NumericIds.RefOf(_ctx.Db, user, "u-");
                if (id != null) ids.Add(id);
            }
            var sets = tx.QueryResults(NonceQuery + UserLocks.Statements(users) + ServerContext.SharedGenerationQuery + ";" +
                "SELECT user_id, state, area_id, reader_id, updated_at FROM presence WHERE user_id = ANY(@ids);" +
                "SELECT user_id, area, inside, updated_at FROM area_presence WHERE user_id = ANY(@ids);" + SharedPendingFactors.Query,
                new { n = ServerContext.SharedGenerationSetting, ids = ids.ToArray(), nd = nonceDevices, nn = nonces, now = _ctx.NowMs });
            var fresh = FreshRequests(batch, sets[0]);
            var generation = sets[sets.Count - 4];
            _ctx.Observe(generation.Count == 0 ? null : generation[0]);
            _decider.AdoptPresence(users, sets[sets.Count - 3], sets[sets.Count - 2]);
            var waiting = sets[sets.Count - 1];
            _decider.AdoptPendingFactors(waiting, batch.Count);
            foreach (var item in batch)
            {
                if (!fresh.Contains(item)) continue;
                try
                {
                    var o = _decider.Decide(item.DeviceId, item.Request);
                    item.Outcome = o;
                    item.Row = new AccessEvent(item.DeviceId, _eventIds.Next(), o.ReaderId, o.UserId, o.Method, o.Direction, o.Granted, o.Reason, "online", o.AtMs,
                    RequestId: item.Request.RequestId, Passage: o.Passage);
                }
                catch (Exception e) when (!(e is Npgsql.NpgsqlException))
                {
                    Console.Error.WriteLine("decision for " + item.DeviceId + " failed: " + e.Message);
                }
            }
            WriteMoves(tx, _decider.TakeMoves());
            SharedPendingFactors.Write(tx, _ctx, _decider, waiting, asked);
        }

        /// <summary>Claims the batch's nonces: a row per request whose nonce is above its controller's folded floor
        /// (devices.request_nonce) and not claimed before; returns the claimed ones.</summary>
        private const string NonceQuery = "INSERT INTO request_nonces (device_id, nonce, accepted_at) SELECT x.d, x.n, @now " +
            "FROM unnest(@nd::text[], @nn::bigint[]) AS x(d, n) JOIN devices v ON v.id = x.d AND x.n > v.request_nonce " +
            "ON CONFLICT DO NOTHING RETURNING device_id, nonce;";

        /// <summary>The requests whose nonce this transaction claimed; the others are replays (or below the floor),
        /// refused before they are decided.</summary>
        private HashSet<PendingDecision> FreshRequests(List<PendingDecision> batch, List<Row> claimed)
        {
            var keys = new HashSet<(string, long)>();
            foreach (var row in claimed) keys.Add((row.Str("device_id"), row.Long("nonce")));
            var fresh = new HashSet<PendingDecision>();
            foreach (var item in batch)
            {
                // Claimed once: a second copy of one request in the same batch is a replay too.
                if (keys.Remove((item.DeviceId, item.Request.Nonce))) fresh.Add(item);
                else _replayed(item.DeviceId, "replayed decision request from " + item.DeviceId + " refused (nonce " + item.Request.Nonce + " already accepted)");
            }
            return fresh;
        }

        /// <summary>The batch's presence moves, newest per (person, area), into <c>area_presence</c> in one statement.</summary>
        private void WriteMoves(Tx tx, List<(int User, int Area, bool Inside, long At)> moves)
        {
            var newest = new Dictionary<(int, int), (bool Inside, long At)>();
            foreach (var m in moves)
            {
                if (!newest.TryGetValue((m.User, m.Area), out var had) || had.At <= m.At) newest[(m.User, m.Area)] = (m.Inside, m.At);
            }
            var u = new List<string>(); var a = new List<int>(); var inside = new List<int>(); var at = new List<long>();
            foreach (var kv in newest)
            {
                string user = NumericIds.RefOf(_ctx.Db, kv.Key.Item1, "u-");
                if (user == null) continue;
                u.Add(user); a.Add(kv.Key.Item2); inside.Add(kv.Value.Inside ? 1 : 0); at.Add(kv.Value.At * 1000);
            }
            if (u.Count == 0) return;
            tx.Execute("INSERT INTO area_presence (user_id, area, inside, updated_at) SELECT * FROM unnest(@u::text[], @a::int[], @i::int[], @t::bigint[]) " +
                "ON CONFLICT (user_id, area) DO UPDATE SET inside = excluded.inside, updated_at = excluded.updated_at WHERE area_presence.updated_at <= excluded.updated_at",
                new { u = u.ToArray(), a = a.ToArray(), i = inside.ToArray(), t = at.ToArray() });
        }
    }
}

using System.Collections.Generic;
using DoorController.Server.Decisions;
using DoorController.Server.Services;
using DoorController.Server.Storage;

namespace DoorController.Server.Cluster
{
    /// <summary>
    /// Card + PIN across instances: a person's first factor waits in <c>pending_factors</c>, read with the batch's
    /// people under their locks and written back in the batch's transaction, so whichever instance the broker hands
    /// the second factor to completes the pair (the broker spreads one controller's requests over the instances).
    /// </summary>
    public static class SharedPendingFactors
    {
        /// <summary>Longest wait for a second factor a reader may be given (the API's bound); older rows are dropped.</summary>
        private const long LongestWaitSeconds = 3600;

        /// <summary>The batch's people's waiting factors (parameter <c>ids</c>: their user ids).</summary>
        public const string Query = "SELECT user_id, reader, is_pin, at FROM pending_factors WHERE user_id = ANY(@ids)";

        /// <summary>Writes what the decider holds after the batch for every (reader, person) read before it or asked
        /// about in it: a waiting factor is stored, a taken, replaced by nothing or stale one deleted.</summary>
        public static void Write(Tx tx, ServerContext ctx, OnlineDecider decider, List<Row> read, IEnumerable<(int Reader, int User)> asked)
        {
            var pairs = new HashSet<(int Reader, int User)>(asked);
            foreach (var f in read) pairs.Add(((int)f.Long("reader"), NumericIds.Of(ctx.Db, f.Str("user_id"))));
            long oldest = ctx.NowMs / 1000 - LongestWaitSeconds;
            var keepUser = new List<string>(); var keepReader = new List<int>(); var keepPin = new List<int>(); var keepAt = new List<long>();
            var dropUser = new List<string>(); var dropReader = new List<int>();
            foreach (var (reader, user) in pairs)
            {
                string userId = user == 0 ? null : NumericIds.RefOf(ctx.Db, user, "u-");
                if (userId == null) continue;
                if (decider.TryGetPendingFactor(reader, user, out bool isPin, out long at) && at >= oldest)
                {
                    keepUser.Add(userId); keepReader.Add(reader); keepPin.Add(isPin ? 1 : 0); keepAt.Add(at);
                }
                else
                {
                    dropUser.Add(userId); dropReader.Add(reader);
                }
            }
            if (dropUser.Count > 0)
            {
                tx.Execute("DELETE FROM pending_factors p USING unnest(@u::text[], @r::int[]) AS x(u, r) WHERE p.user_id = x.u AND p.reader = x.r",
                    new { u = dropUser.ToArray(), r = dropReader.ToArray() });
            }
            if (keepUser.Count > 0)
            {
                tx.Execute("INSERT INTO pending_factors (user_id, reader, is_pin, at) SELECT * FROM unnest(@u::text[], @r::int[], @p::int[], @a::bigint[]) " +
                    "ON CONFLICT (user_id, reader) DO UPDATE SET is_pin = excluded.is_pin, at = excluded.at",
                    new { u = keepUser.ToArray(), r = keepReader.ToArray(), p = keepPin.ToArray(), a = keepAt.ToArray() });
            }
        }
    }
}

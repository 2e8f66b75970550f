using System;
using System.Collections.Generic;
using System.Linq;
using DoorController.Server.Decisions;

namespace DoorController.Bench
{
    /// <summary>
    /// tools/bench online's stage table: each decision of the fixed-rate phase split into the server's stages
    /// (<see cref="DecisionStages"/>) and joined by request id (its <see cref="DecisionStages.KeyOf"/>) with the round
    /// trip its client measured; what the server did not spend is the broker's and the network's (both ways, TLS
    /// included) and the client's.
    /// </summary>
    public static class OnlineStages
    {
        public static List<string> Table(IReadOnlyCollection<DecisionStages.Sample> samples, IReadOnlyDictionary<string, double> roundTripsById)
        {
            var roundTrips = new Dictionary<long, double>(roundTripsById.Count);
            foreach (var (id, ms) in roundTripsById) roundTrips[DecisionStages.KeyOf(id)] = ms;
            var joined = samples.Where(s => roundTrips.ContainsKey(s.RequestKey)).ToList();
            var rows = new List<(string Stage, Func<DecisionStages.Sample, double> Of)>
            {
                ("decide (on the network thread: MAC + nonce, parse, decision core, seal answer)", s => s.Decide),
                ("wait for the group commit (the batch before it)", s => s.WriterWait),
                ("the batch's statements (inserts, presence, nonces)", s => s.Statements),
                ("COMMIT (WAL write, fsync)", s => s.Commit),
                ("publish (answers of the batch handed to libmosquitto)", s => s.Publish),
                ("in the server (received → published)", s => s.InServer),
                ("outside the server (broker, TLS, client, both ways)", s => roundTrips[s.RequestKey] - s.InServer),
                ("round trip the client measured", s => roundTrips[s.RequestKey]),
            };
            var lines = new List<string>
            {
                "Each decision at the fixed 2,000/s, stage by stage (" + joined.Count + " decisions with both the server's timestamps and the client's round trip; p99 of each stage on its own, so the stages' p99s do not add up to the round trip's):",
                "",
                "| stage | p50 ms | p90 ms | p99 ms | max ms |",
                "|---|---|---|---|---|",
            };
            foreach (var (stage, of) in rows)
            {
                double[] v = joined.Select(of).OrderBy(x => x).ToArray();
                lines.Add("| " + stage + " | " + P(v, 0.50) + " | " + P(v, 0.90) + " | " + P(v, 0.99) + " | " + (v.Length == 0 ? "-" : v[^1].ToString("F2")) + " |");
            }
            // The slowest 1 %: which stage took most of each of them.
            var tail = joined.OrderByDescending(s => roundTrips[s.RequestKey]).Take(Math.Max(1, joined.Count / 100)).ToList();
            if (tail.Count > 0)
            {
                string Largest(DecisionStages.Sample s)
                {
                    double outside = roundTrips[s.RequestKey] - s.InServer;
                    var parts = new (string, double)[] { ("decide", s.Decide), ("group-commit wait", s.WriterWait), ("statements", s.Statements), ("COMMIT", s.Commit), ("publish", s.Publish), ("outside the server", outside) };
                    return parts.OrderByDescending(p => p.Item2).First().Item1;
                }
                lines.Add("");
                lines.Add("The slowest 1 % (" + tail.Count + " decisions, round trip ≥ " + roundTrips[tail[^1].RequestKey].ToString("F1") + " ms), by the stage that took most of each: "
                    + string.Join(", ", tail.GroupBy(Largest).OrderByDescending(g => g.Count()).Select(g => g.Key + " " + (100.0 * g.Count() / tail.Count).ToString("F0") + " %")) + ".");
            }
            return lines;
        }

        private static string P(double[] sorted, double q) => sorted.Length == 0 ? "-" : sorted[Math.Min(sorted.Length - 1, (int)(q * sorted.Length))].ToString("F2");
    }
}

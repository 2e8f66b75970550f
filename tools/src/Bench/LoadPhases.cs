using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;

namespace DoorController.Bench
{
    /// <summary>The two ways the simulated controllers load the server (or the echo responder): a closed loop with a
    /// fixed number in flight per connection, and a fixed request rate spread over the connections.</summary>
    internal static class LoadPhases
    {
        /// <summary>Each connection keeps <see cref="OnlineBench.InFlightPerConnection"/> requests in flight for
        /// <paramref name="seconds"/>; the rate counts the answers, the last requests' included.</summary>
        internal static (double Rate, double P50, double P99) ClosedLoop(List<BenchClient> clients, int seconds, bool echo)
        {
            foreach (var c in clients) c.ResetLatencies();
            long before = Done(clients, echo);
            var sw = Stopwatch.StartNew();
            foreach (var c in clients) c.StartLoop(echo, OnlineBench.InFlightPerConnection);
            Thread.Sleep(seconds * 1000);
            foreach (var c in clients) c.StopLoop();
            double elapsed = sw.Elapsed.TotalSeconds;
            Thread.Sleep(1000); // drain: answers to the last requests
            var (p50, p99) = Percentiles(clients);
            return ((Done(clients, echo) - before) / elapsed, p50, p99);
        }

        /// <summary><paramref name="perSecond"/> requests a second for <paramref name="seconds"/>, round robin over the
        /// connections: sent by the <paramref name="loops"/> driving them (connection c by loop c mod their number), else
        /// from this thread in 1 ms steps.</summary>
        internal static (double Rate, double P50, double P99, long Answered) FixedRate(List<BenchClient> clients, int perSecond, int seconds, bool echo, ConnectionLoop[] loops = null)
        {
            foreach (var c in clients) c.ResetLatencies();
            long before = Done(clients, echo);
            var sw = Stopwatch.StartNew();
            long total = (long)perSecond * seconds;
            if (loops != null)
            {
                // Each loop paces its own connections' share (connection c on loop c mod n): no request crosses threads.
                var done = new WaitHandle[loops.Length];
                for (int l = 0; l < loops.Length; l++)
                {
                    var own = clients.Where(c => c.Index % loops.Length == l).ToList();
                    done[l] = loops[l].StartPacing(perSecond * (double)own.Count / clients.Count, total * own.Count / clients.Count, i => own[(int)(i % own.Count)].SendNext(echo));
                }
                WaitHandle.WaitAll(done);
            }
            else
            {
                long sent = 0;
                while (sent < total)
                {
                    long due = (long)(sw.Elapsed.TotalSeconds * perSecond);
                    while (sent < due && sent < total) clients[(int)(sent++ % clients.Count)].SendNext(echo);
                    Thread.Sleep(1);
                }
            }
            double elapsed = sw.Elapsed.TotalSeconds;
            Thread.Sleep(1500);
            long answered = Done(clients, echo) - before;
            var (p50, p99) = Percentiles(clients);
            return (answered / elapsed, p50, p99, answered);
        }

        private static long Done(List<BenchClient> clients, bool echo) => clients.Sum(c => echo ? c.Echoed : c.Answered);

        private static (double P50, double P99) Percentiles(List<BenchClient> clients)
        {
            var sorted = clients.SelectMany(c => c.Latencies()).OrderBy(x => x).ToArray();
            return (Percentile(sorted, 0.50), Percentile(sorted, 0.99));
        }

        private static double Percentile(double[] sorted, double q) => sorted.Length == 0 ? double.NaN : sorted[System.Math.Min(sorted.Length - 1, (int)(q * sorted.Length))];
    }
}

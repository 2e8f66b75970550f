using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using DoorController.LocalBroker;

namespace DoorController.Bench
{
    /// <summary>
    /// tools/bench online: online decisions from 500 simulated controllers through a real mosquitto (TLS, dynamic
    /// security: every connection authenticated and every message checked against its identity's ACL) to the
    /// management server (decision core + group-commit access log on SQLite), measured as the controllers see them.
    /// First the raw broker round trip (an echo client, same connections and concurrency) as the ceiling, then a fixed
    /// 2,000/s for latency, then closed-loop saturation for throughput; finally every answered decision is checked
    /// against the log.
    /// </summary>
    public static class OnlineBench
    {
        public const int Controllers = 500;
        public const int UsersPerController = 10;
        internal const int Connections = 20;
        internal const int InFlightPerConnection = 16;

        public static string Run(BenchContext ctx)
        {
            int seconds = ctx.Args.Length > 0 && int.TryParse(ctx.Args[0], out int s) ? s : 5;
            using var broker = MosquittoBroker.Start();
            ctx.Progress("provisioning " + Controllers + " controllers, " + Controllers * UsersPerController + " users");
            using var host = BenchSite.Provision(ctx.ScratchDirectory, broker, Controllers, UsersPerController, out var site);
            if (!host.Mqtt.WaitConnected(TimeSpan.FromSeconds(15))) throw new InvalidOperationException("server did not connect to mosquitto");

            var serverLoops = CpuSplit.MosquittoThreads();
            var clients = new List<BenchClient>();
            for (int c = 0; c < Connections; c++) clients.Add(new BenchClient(broker, c, site));

            ctx.Progress("warm-up (snapshot load, JIT) 2 s");
            ClosedLoop(clients, 2, echo: false);

            ctx.Progress("broker ceiling (echo round trips, closed loop)");
            var echo = new EchoResponder(broker);
            var (echoRate, echoP50, echoP99) = ClosedLoop(clients, seconds, echo: true);
            // The same round trip at the fixed rate below: the part of that latency the broker and TLS take alone.
            var (_, echoFixedP50, echoFixedP99, _) = FixedRate(clients, 2000, seconds, echo: true);
            echo.Dispose();

            ctx.Progress("the disk's own fsync latency, 2 s");
            var disk = FsyncFloor.Measure(Path.Combine(ctx.ScratchDirectory, "server"), TimeSpan.FromSeconds(2));

            ctx.Progress("fixed rate 2000/s for " + seconds + " s");
            var gc = GcFigures.Start();
            var allocated = host.Mqtt.Stages.Allocated;
            host.Mqtt.Stages.Recording = true;
            var (fixedRate, p50, p99, fixedAnswered) = FixedRate(clients, 2000, seconds, echo: false);
            host.Mqtt.Stages.Recording = false;
            string gcAtFixedRate = gc.Since(fixedAnswered);
            var allocatedAfter = host.Mqtt.Stages.Allocated;
            string PerDecision(long before, long after) => ((after - before) / (double)Math.Max(1, fixedAnswered)).ToString("F0");
            string serverAllocation = "network thread (receive, decide, seal) " + PerDecision(allocated.Network, allocatedAfter.Network)
                + " B, group-commit writer " + PerDecision(allocated.Writer, allocatedAfter.Writer) + " B";
            var roundTrips = new Dictionary<string, double>();
            foreach (var c in clients) foreach (var (id, ms) in c.RoundTrips) roundTrips[id] = ms;
            var stages = OnlineStages.Table(host.Mqtt.Stages.Samples.ToArray(), roundTrips);
            host.Mqtt.Stages.Clear();

            ctx.Progress("saturation (closed loop, " + Connections * InFlightPerConnection + " in flight) for " + seconds + " s");
            long answeredBefore = clients.Sum(c => c.Answered);
            var cpu = CpuSplit.Start(broker.ProcessId, serverLoops);
            var (satRate, satP50, satP99) = ClosedLoop(clients, seconds, echo: false);
            var cpuSplit = cpu.PerUnit(clients.Sum(c => c.Answered) - answeredBefore);

            Thread.Sleep(500);
            long answered = clients.Sum(c => c.Answered); // warm-up included: every answer must have its row
            long logged = host.Store.Db.QuerySingle("SELECT COUNT(*) AS n FROM access_log WHERE source = 'online'").Long("n");
            long granted = clients.Sum(c => c.Granted);
            foreach (var c in clients) c.Dispose();
            double macMicros = OnlineCosts.MacMicrosecondsPerDecision(site);
            double stageNanos = OnlineCosts.StageNanosecondsPerDecision();

            ctx.ReportLines.Add("Online decisions as the controllers see them: " + Controllers + " simulated controllers (device ids, " + Connections
                + " MQTT connections over TLS, each authenticated as a dynamic-security identity whose role lists exactly its controllers' topics) → mosquitto → server (on the broker's Unix socket, as a server that runs its own broker connects; message MAC and nonce checked, decision core with anti-passback across all readers, group-commit access log on SQLite WAL, synchronous=FULL, "
                + "the request nonce stored with each batch) → sealed answer, verified by the client: one HMAC-SHA256 to sign and one to verify on each side. "
                + "The broker ceiling is the same clients and concurrency against an echo client on the server's link instead of the server. Load average " + BenchContext.LoadAverage() + ".");
            ctx.ReportLines.Add("");
            ctx.ReportLines.Add("| figure | value |");
            ctx.ReportLines.Add("|---|---|");
            ctx.ReportLines.Add("| broker round-trip ceiling (echo, " + Connections * InFlightPerConnection + " in flight) | " + echoRate.ToString("F0") + " /s, p50 " + echoP50.ToString("F1") + " ms, p99 " + echoP99.ToString("F1") + " ms |");
            ctx.ReportLines.Add("| sustained online decisions (saturation) | " + satRate.ToString("F0") + " /s, p50 " + satP50.ToString("F1") + " ms, p99 " + satP99.ToString("F1") + " ms |");
            ctx.ReportLines.Add("| latency at a fixed 2,000 requests/s | achieved " + fixedRate.ToString("F0") + " /s, p50 " + p50.ToString("F1") + " ms, p99 " + p99.ToString("F1") + " ms |");
            ctx.ReportLines.Add("| broker round trip alone at a fixed 2,000/s (echo) | p50 " + echoFixedP50.ToString("F1") + " ms, p99 " + echoFixedP99.ToString("F1") + " ms |");
            ctx.ReportLines.Add("| answered / logged online rows (every answer follows its committed row) | " + answered + " / " + logged + " |");
            ctx.ReportLines.Add("| group commits / rows (rows per fsync) | " + host.Mqtt.Writer.Commits + " / " + host.Mqtt.Writer.Rows + " (" + (host.Mqtt.Writer.Rows / Math.Max(1.0, host.Mqtt.Writer.Commits)).ToString("F1") + ") |");
            ctx.ReportLines.Add("| granted share | " + (100.0 * granted / Math.Max(1, answered)).ToString("F1") + " % |");
            ctx.ReportLines.Add("| message MACs per decision, CPU time (request sealed + verified, answer sealed + verified) | " + macMicros.ToString("F1") + " µs ("
                + (100.0 * macMicros * satRate / (Environment.ProcessorCount * 1e6)).ToString("F1") + " % of the machine at the saturation rate) |");
            ctx.ReportLines.Add("| the stage breakdown's own cost per decision, CPU time (six timestamps and a kept sample) | " + stageNanos.ToString("F0") + " ns ("
                + (100.0 * stageNanos * 2000 / (Environment.ProcessorCount * 1e9)).ToString("F3") + " % of the machine at 2,000/s) |");
            ctx.ReportLines.Add("| the disk's own sync just before (8 KiB rewritten and fsynced, " + disk.Count + " times in 2 s) | p50 " + disk.P50.ToString("F2") + " ms, p99 " + disk.P99.ToString("F2")
                + " ms, max " + disk.Max.ToString("F1") + " ms |");
            ctx.ReportLines.Add("| garbage collection during the fixed 2,000/s (server and simulated controllers share the process) | " + gcAtFixedRate + " |");
            ctx.ReportLines.Add("| the server's allocation per decision at 2,000/s, by thread | " + serverAllocation + " |");
            ctx.ReportLines.Add("");
            ctx.ReportLines.AddRange(stages);
            ctx.ReportLines.Add("");
            ctx.ReportLines.AddRange(CpuSplit.Table(cpuSplit, satRate));
            return "bench online: decisions_per_s=" + satRate.ToString("F0") + " p50_ms=" + satP50.ToString("F1") + " p99_ms=" + satP99.ToString("F1")
                + " p99_at_2000_ms=" + p99.ToString("F1") + " echo_p99_at_2000_ms=" + echoFixedP99.ToString("F1") + " disk_fsync_p99_ms=" + disk.P99.ToString("F1") + " broker_ceiling_per_s=" + echoRate.ToString("F0") + " answered=" + answered + " logged=" + logged
                + " mac_us_per_decision=" + macMicros.ToString("F1");
        }

        internal static (double Rate, double P50, double P99) ClosedLoop(List<BenchClient> clients, int seconds, bool echo)
        {
            foreach (var c in clients) c.ResetLatencies();
            var stop = DateTime.UtcNow.AddSeconds(seconds);
            long before = clients.Sum(c => echo ? c.Echoed : c.Answered);
            var sw = Stopwatch.StartNew();
            var threads = clients.Select(c => new Thread(() =>
            {
                while (DateTime.UtcNow < stop)
                {
                    if (!c.Slots.Wait(1000)) continue;
                    if (echo) c.SendEcho(); else c.SendDecision();
                }
            }) { IsBackground = true, Name = "bench-sender" }).ToList();
            threads.ForEach(t => t.Start());
            threads.ForEach(t => t.Join());
            double elapsed = sw.Elapsed.TotalSeconds;
            Thread.Sleep(1000); // drain: answers to the last requests
            foreach (var c in clients) c.RefillSlots(InFlightPerConnection);
            long done = clients.Sum(c => echo ? c.Echoed : c.Answered) - before;
            var lat = clients.SelectMany(c => c.Latencies).OrderBy(x => x).ToArray();
            return (done / elapsed, Percentile(lat, 0.50), Percentile(lat, 0.99));
        }

        internal static (double Rate, double P50, double P99, long Answered) FixedRate(List<BenchClient> clients, int perSecond, int seconds, bool echo)
        {
            foreach (var c in clients) c.ResetLatencies();
            long before = clients.Sum(c => c.Answered);
            var sw = Stopwatch.StartNew();
            long sent = 0, total = (long)perSecond * seconds;
            while (sent < total)
            {
                long due = (long)(sw.Elapsed.TotalSeconds * perSecond);
                while (sent < due && sent < total)
                {
                    var c = clients[(int)(sent++ % clients.Count)];
                    if (echo) c.SendEcho(); else c.SendDecision();
                }
                Thread.Sleep(1);
            }
            double elapsed = sw.Elapsed.TotalSeconds;
            Thread.Sleep(1500);
            long answered = clients.Sum(c => c.Answered) - before;
            var lat = clients.SelectMany(c => c.Latencies).OrderBy(x => x).ToArray();
            return (answered / elapsed, Percentile(lat, 0.50), Percentile(lat, 0.99), answered);
        }

        private static double Percentile(double[] sorted, double q) => sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)(q * sorted.Length))];
    }
}

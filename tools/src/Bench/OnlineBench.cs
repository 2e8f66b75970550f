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
    /// against the log. Arguments: seconds per phase (5), the load generator's threads (one per core).
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
            // One generator thread per core by default: one would do on a quiet machine, but on a shared one each runnable
            // thread gets its share of a core, and a single thread for all 500 controllers then answers late.
            int generatorThreads = ctx.Args.Length > 1 && int.TryParse(ctx.Args[1], out int g) && g > 0 ? Math.Min(g, Connections) : Environment.ProcessorCount;
            using var broker = MosquittoBroker.Start();
            ctx.Progress("provisioning " + Controllers + " controllers, " + Controllers * UsersPerController + " users");
            using var host = BenchSite.Provision(ctx.ScratchDirectory, broker, Controllers, UsersPerController, out var site);
            if (!host.Mqtt.WaitConnected(TimeSpan.FromSeconds(15))) throw new InvalidOperationException("server did not connect to mosquitto");

            ctx.Progress("starting the load generator process (" + Connections + " connections for " + Controllers + " controllers on " + generatorThreads + " threads)");
            using var load = new LoadGeneratorProcess(broker, site, ctx.ScratchDirectory, generatorThreads);

            ctx.Progress("warm-up (snapshot load, JIT) 2 s");
            load.ClosedLoop(2, echo: false);

            ctx.Progress("broker ceiling (echo round trips, closed loop)");
            var echo = new EchoResponder(broker);
            var (echoRate, echoP50, echoP99) = load.ClosedLoop(seconds, echo: true);
            // The same round trip at the fixed rate below: the part of that latency the broker and TLS take alone.
            var (_, echoFixedP50, echoFixedP99, _) = load.FixedRate(2000, seconds, echo: true);
            echo.Dispose();

            ctx.Progress("the disk's own fsync latency, 2 s");
            var disk = FsyncFloor.Measure(Path.Combine(ctx.ScratchDirectory, "server"), TimeSpan.FromSeconds(2));

            ctx.Progress("fixed rate 2000/s for " + seconds + " s");
            SettleHeap();
            var gc = GcFigures.Start();
            load.GcStart();
            var allocated = host.Mqtt.Stages.Allocated;
            var cpuAtFixedRate = CpuSplit.Start(broker.ProcessId, load.ProcessId);
            host.Mqtt.Stages.Recording = true;
            var (fixedRate, p50, p99, fixedAnswered) = load.FixedRate(2000, seconds, echo: false);
            host.Mqtt.Stages.Recording = false;
            var cpuSplitAtFixedRate = cpuAtFixedRate.PerUnit(fixedAnswered); // the 1.5 s drain included: idle costs show
            string gcAtFixedRate = gc.Since(fixedAnswered), generatorGc = load.GcSince(fixedAnswered);
            var allocatedAfter = host.Mqtt.Stages.Allocated;
            string PerDecision(long before, long after) => ((after - before) / (double)Math.Max(1, fixedAnswered)).ToString("F0");
            string serverAllocation = "network thread (receive, decide, seal) " + PerDecision(allocated.Network, allocatedAfter.Network)
                + " B, group-commit writer " + PerDecision(allocated.Writer, allocatedAfter.Writer) + " B";
            var stages = OnlineStages.Table(host.Mqtt.Stages.Recorded(), load.RoundTrips());
            host.Mqtt.Stages.Clear();

            ctx.Progress("saturation (closed loop, " + Connections * InFlightPerConnection + " in flight) for " + seconds + " s");
            SettleHeap();
            long answeredBefore = load.Counts().Answered;
            var cpu = CpuSplit.Start(broker.ProcessId, load.ProcessId);
            var (satRate, satP50, satP99) = load.ClosedLoop(seconds, echo: false);
            var cpuSplit = cpu.PerUnit(load.Counts().Answered - answeredBefore);

            Thread.Sleep(500);
            var (answered, granted, _, rejected) = load.Counts(); // warm-up included: every answer must have its row
            long logged = host.Store.Db.QuerySingle("SELECT COUNT(*) AS n FROM access_log WHERE source = 'online'").Long("n");
            if (rejected != 0) throw new InvalidOperationException(rejected + " answers failed the simulated controllers' checks (MAC, request id, nonce, controller)");
            double macMicros = OnlineCosts.MacMicrosecondsPerDecision(site);
            double stageNanos = OnlineCosts.StageNanosecondsPerDecision();

            ctx.ReportLines.Add("Online decisions as the controllers see them: " + Controllers + " simulated controllers (device ids, " + Connections
                + " MQTT connections over TLS, each authenticated as a dynamic-security identity whose role lists exactly its controllers' topics) → mosquitto → server (on the broker's Unix socket, as a server that runs its own broker connects; message MAC and nonce checked, decision core with anti-passback across all readers, group-commit access log on SQLite WAL, synchronous=FULL, "
                + "the request nonce stored with each batch) → sealed answer, verified by the client: one HMAC-SHA256 to sign and one to verify on each side. "
                + "The simulated controllers run in a load generator process of their own (its " + Connections + " connections driven by " + generatorThreads + " threads); the bench's process holds only the server. "
                + "The broker ceiling is the same clients and concurrency against an echo client on the server's link instead of the server. "
                + "Before each measured phase the server's heap is collected once, so what the phase before left is not collected inside it. Load average " + BenchContext.LoadAverage() + ".");
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
            ctx.ReportLines.Add("| garbage collection during the fixed 2,000/s, the server's process | " + gcAtFixedRate + " |");
            ctx.ReportLines.Add("| garbage collection during the fixed 2,000/s, the load generator's process | " + generatorGc + " |");
            ctx.ReportLines.Add("| the server's allocation per decision at 2,000/s, by thread | " + serverAllocation + " |");
            ctx.ReportLines.Add("");
            ctx.ReportLines.AddRange(stages);
            ctx.ReportLines.Add("");
            ctx.ReportLines.AddRange(CpuSplit.Table(cpuSplitAtFixedRate, cpuSplit, satRate));
            return "bench online: decisions_per_s=" + satRate.ToString("F0") + " p50_ms=" + satP50.ToString("F1") + " p99_ms=" + satP99.ToString("F1")
                + " p99_at_2000_ms=" + p99.ToString("F1") + " echo_p99_at_2000_ms=" + echoFixedP99.ToString("F1") + " disk_fsync_p99_ms=" + disk.P99.ToString("F1") + " broker_ceiling_per_s=" + echoRate.ToString("F0") + " answered=" + answered + " logged=" + logged
                + " mac_us_per_decision=" + macMicros.ToString("F1");
        }

        /// <summary>
        /// Before a measured phase: what the phase before left in the server's young generation (the caches the warm-up
        /// filled, the samples of the phase before) is collected now, not by the measured phase's first collections. The
        /// echo phases allocate almost nothing in the server, so without this the fixed rate's first collection promoted
        /// the warm-up's 1.1-1.3 MB and a gen1 collection (18-30 ms) followed inside the 5 s; a server that has run for a
        /// while has long since done that.
        /// </summary>
        private static void SettleHeap()
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
        }
    }
}

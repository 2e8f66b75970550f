using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using DoorController.LocalBroker;
using DoorController.Server;
using DoorController.Server.Mqtt;

namespace DoorController.Bench
{
    /// <summary>
    /// tools/bench scale: online decisions with 1, 2 and 3 server instances on one PostgreSQL (started here, durable:
    /// fsync and synchronous commit on) behind one mosquitto, the instances taking requests through a shared
    /// subscription. Per instance count: latency at a fixed 2,000 requests/s and closed-loop throughput, beside the
    /// broker's own round-trip ceiling. Then 10,000 simultaneous double entries (each person at two doors of two
    /// controllers, the two requests back to back so the broker hands them to different instances) and the checks:
    /// no person granted twice, every answer with its row, no row without its request.
    /// </summary>
    public static class ScaleBench
    {
        private const int Controllers = 500;
        private const int UsersPerController = 20;
        private const int Connections = 20;
        private const int DoubleEntryRate = 4000;

        public static string Run(BenchContext ctx)
        {
            int seconds = ctx.Args.Length > 0 && int.TryParse(ctx.Args[0], out int s) ? s : 5;
            ctx.Progress("starting PostgreSQL 15 (durable) and mosquitto");
            using var pg = LocalPostgres.Start();
            using var broker = MosquittoBroker.Start();
            string cs = pg.ConnectionString();
            string data = Path.Combine(ctx.ScratchDirectory, "server");
            ServerOptions Instance(ServerOptions o, string name)
            {
                o.Postgres = cs;
                o.Instance = name;
                o.DataDirectory = data;
                o.Broker = new BrokerAccess(broker.Endpoint(broker.Admin.CreateServerInstance(name)), null);
                return o;
            }
            ctx.Progress("provisioning " + Controllers + " controllers, " + Controllers * UsersPerController + " people (each at two doors)");
            var hosts = new List<ServerHost>();
            hosts.Add(BenchSite.Provision(ctx.ScratchDirectory, broker, Controllers, UsersPerController, out var site, configure: o => Instance(o, "a"), entryNeighbour: true));
            WaitConnected(hosts[0]);
            var clients = Enumerable.Range(0, Connections).Select(c => BenchClient.Open(broker, c, site)).ToList();

            try
            {
                ctx.Progress("warm-up 2 s");
                LoadPhases.ClosedLoop(clients, 2, echo: false);
                ctx.Progress("broker ceiling (echo round trips)");
                var echo = new EchoResponder(broker);
                var (echoRate, _, echoP99) = LoadPhases.ClosedLoop(clients, seconds, echo: true);
                echo.Dispose();

                var rows = new List<(int N, double FixedRate, double P50, double P99, double Sat, double SatP99)>();
                for (int n = 1; n <= 3; n++)
                {
                    if (n > 1)
                    {
                        var opts = Instance(new ServerOptions { Port = 0, AdminPassword = "bench-password", RunRetentionJob = false }, ((char)('a' + n - 1)).ToString());
                        var host = ServerHost.Create(opts);
                        host.Start();
                        WaitConnected(host);
                        hosts.Add(host);
                        LoadPhases.ClosedLoop(clients, 1, echo: false); // the new instance's snapshot and JIT
                    }
                    ctx.Progress(n + " instance(s): fixed 2000/s for " + seconds + " s, then saturation");
                    Drain(clients);
                    var (rate, p50, p99, _) = LoadPhases.FixedRate(clients, 2000, seconds, echo: false);
                    Drain(clients); // a fixed rate above capacity leaves a queue: it must not count against the next phase
                    var (sat, _, satP99) = LoadPhases.ClosedLoop(clients, seconds, echo: false);
                    rows.Add((n, rate, p50, p99, sat, satP99));
                }
                var shares = hosts.Select(h => h.Mqtt.Decider.Decisions).ToArray();

                ctx.Progress("10,000 simultaneous double entries across the 3 instances");
                var db = hosts[0].Store.Db;
                db.Execute("DELETE FROM presence"); // everyone outside: each pair's first request may enter
                long phaseStart = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
                long answeredBefore = clients.Sum(c => c.Answered), grantedBefore = clients.Sum(c => c.Granted);
                int pairs = DoubleEntries(clients, site);
                Drain(clients);
                long pairAnswers = clients.Sum(c => c.Answered) - answeredBefore;
                long pairGrants = clients.Sum(c => c.Granted) - grantedBefore;
                long doubleGrants = db.QuerySingle("SELECT COUNT(*) AS n FROM (SELECT user_id FROM access_log WHERE granted = 1 AND source = 'online' AND received_at >= @t " +
                    "GROUP BY user_id HAVING COUNT(*) > 1) x", new { t = phaseStart }).Long("n");

                long answered = clients.Sum(c => c.Answered), sent = clients.Sum(c => c.Sent);
                long logged = db.QuerySingle("SELECT COUNT(*) AS n FROM access_log WHERE source = 'online'").Long("n");
                long lost = Math.Max(0, answered - logged), duplicates = Math.Max(0, logged - sent);
                double ratio = rows[2].Sat / rows[0].Sat;

                ctx.ReportLines.Add("Online decisions with 1, 2 and 3 server instances (in this one process, sharing its 2 cores) on one PostgreSQL 15 started by the benchmark "
                    + "(durable: fsync and synchronous_commit on), behind one mosquitto (TLS, dynamic security), the instances consuming through `$share/doorctl/...`; "
                    + Controllers + " simulated controllers on " + Connections + " connections, " + Controllers * UsersPerController + " people, entry readers (anti-passback on). "
                    + "Each decision is made inside the transaction that logs it, under the person's advisory lock. Load average " + BenchContext.LoadAverage() + ".");
                ctx.ReportLines.Add("");
                ctx.ReportLines.Add("| instances | achieved at a fixed 2,000/s | p50 / p99 at 2,000/s | saturation (closed loop) | p99 at saturation |");
                ctx.ReportLines.Add("|---|---|---|---|---|");
                foreach (var r in rows)
                {
                    ctx.ReportLines.Add("| " + r.N + " | " + r.FixedRate.ToString("F0") + " /s | " + r.P50.ToString("F1") + " / " + r.P99.ToString("F1") + " ms | "
                        + r.Sat.ToString("F0") + " /s | " + r.SatP99.ToString("F1") + " ms |");
                }
                ctx.ReportLines.Add("| broker ceiling (echo) | | | " + echoRate.ToString("F0") + " /s | " + echoP99.ToString("F1") + " ms |");
                ctx.ReportLines.Add("");
                ctx.ReportLines.Add("| check | value |");
                ctx.ReportLines.Add("|---|---|");
                ctx.ReportLines.Add("| decisions per instance over the three phases (a, b, c) | " + string.Join(" / ", shares) + " |");
                ctx.ReportLines.Add("| rows per group commit (a, b, c) | " + string.Join(" / ", hosts.Select(h => (h.Mqtt.Writer.Rows / Math.Max(1.0, h.Mqtt.Writer.Commits)).ToString("F1"))) + " |");
                ctx.ReportLines.Add("| double entries (same person, two doors, back to back) | " + pairs + " pairs, " + pairAnswers + " answers, " + pairGrants + " grants |");
                ctx.ReportLines.Add("| people granted twice | " + doubleGrants + " |");
                ctx.ReportLines.Add("| requests sent / answered / logged online rows | " + sent + " / " + answered + " / " + logged + " |");
                return "bench scale: per_s_1=" + rows[0].Sat.ToString("F0") + " per_s_2=" + rows[1].Sat.ToString("F0") + " per_s_3=" + rows[2].Sat.ToString("F0")
                    + " p99_at_2000_ms_1=" + rows[0].P99.ToString("F1") + " p99_at_2000_ms_2=" + rows[1].P99.ToString("F1") + " p99_at_2000_ms_3=" + rows[2].P99.ToString("F1")
                    + " broker_ceiling_per_s=" + echoRate.ToString("F0") + " ratio_3_over_1=" + ratio.ToString("F2")
                    + " double_grants=" + doubleGrants + " lost=" + lost + " duplicates=" + duplicates;
            }
            finally
            {
                foreach (var c in clients) c.Dispose();
                foreach (var h in Enumerable.Reverse(hosts)) h.Dispose();
            }
        }

        /// <summary>Every person once at their own controller's reader and at the next controller's, back to back, at
        /// <see cref="DoubleEntryRate"/> pairs per second; returns the number of pairs.</summary>
        private static int DoubleEntries(List<BenchClient> clients, SiteLayout site)
        {
            int devices = site.Devices.Length, pairs = 0;
            var sw = Stopwatch.StartNew();
            for (int u = 0; u < UsersPerController; u++)
            {
                for (int d = 0; d < devices; d++)
                {
                    int next = (d + 1) % devices;
                    string hash = site.Hashes[d][u];
                    clients[d % Connections].SendFor(d, site.Readers[d], hash);
                    clients[next % Connections].SendFor(next, site.Readers[next], hash);
                    pairs++;
                    while (pairs > sw.Elapsed.TotalSeconds * DoubleEntryRate) Thread.Sleep(1);
                }
            }
            return pairs;
        }

        /// <summary>Waits until answers stop coming (at most 60 s): the queue left by the previous phase is gone.</summary>
        private static void Drain(List<BenchClient> clients)
        {
            var until = DateTime.UtcNow.AddSeconds(60);
            long last = -1;
            while (DateTime.UtcNow < until)
            {
                long now = clients.Sum(c => c.Answered);
                if (now == last) return;
                last = now;
                Thread.Sleep(1000);
            }
        }

        private static void WaitConnected(ServerHost host)
        {
            if (!host.Mqtt.WaitConnected(TimeSpan.FromSeconds(15))) throw new InvalidOperationException("instance " + host.Options.Instance + " did not connect to mosquitto");
        }
    }
}

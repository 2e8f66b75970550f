using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using DoorController.Contract;
using DoorController.Hal;
using DoorController.Hal.Host.Mqtt;
using DoorController.Link;
using DoorController.Link.Time;
using DoorController.LocalBroker;

namespace DoorController.Bench
{
    /// <summary>
    /// tools/bench upstream: what the durable replay guard costs. 500 simulated controllers (the online benchmark's
    /// site) publish sealed statuses, periodic sync requests and clock requests through mosquitto (TLS, dynamic
    /// security) to the real server on SQLite (WAL, synchronous=FULL); each message's nonce is claimed in wire_nonces
    /// (one conditional upsert, its own commit) before the server acts on it. First at the firmware's own cadence
    /// (LinkOptions.StatusIntervalMilliseconds, SyncIntervalMilliseconds, ClockSync.RefreshMilliseconds), for the write
    /// rate a site of 500 controllers puts on the database; then as fast as the controllers can send, for the
    /// ceiling of the claiming thread.
    /// </summary>
    public static class UpstreamBench
    {
        private const int Controllers = OnlineBench.Controllers;
        private const int Connections = 10;
        private const int BurstPerController = 20;

        public static string Run(BenchContext ctx)
        {
            int seconds = ctx.Args.Length > 0 && int.TryParse(ctx.Args[0], out int s) ? s : 30;
            using var broker = MosquittoBroker.Start();
            ctx.Progress("provisioning " + Controllers + " controllers");
            using var host = BenchSite.Provision(ctx.ScratchDirectory, broker, Controllers, 1, out var site);
            if (!host.Mqtt.WaitConnected(TimeSpan.FromSeconds(15))) throw new InvalidOperationException("server did not connect to mosquitto");
            var senders = Enumerable.Range(0, Connections).Select(c => Sender(broker, site, c)).ToArray();
            var nonces = new long[Controllers];
            for (int d = 0; d < Controllers; d++) nonces[d] = 1L << 32;
            var upstream = host.Mqtt.Upstream;

            // The firmware's cadence per controller and hour: statuses, one periodic sync request, one clock refresh.
            var options = new LinkOptions();
            double perHour = 3_600_000.0 / options.StatusIntervalMilliseconds + 3_600_000.0 / options.SyncIntervalMilliseconds + 3_600_000.0 / ClockSync.RefreshMilliseconds;
            double cadenceRate = Controllers * perHour / 3600.0;
            ctx.Progress("cadence: " + cadenceRate.ToString("F2") + " messages/s for " + seconds + " s");
            long claimedBefore = upstream.Claimed;
            long sent = 0;
            var watch = Stopwatch.StartNew();
            var rng = new Random(1);
            while (watch.Elapsed.TotalSeconds < seconds)
            {
                // Each due message goes out at its time; which kind follows the cadence's shares.
                long due = (long)(watch.Elapsed.TotalSeconds * cadenceRate);
                for (; sent < due; sent++)
                {
                    int d = rng.Next(Controllers);
                    double kind = rng.NextDouble() * perHour;
                    Send(senders, site, d, ++nonces[d], kind < 60 ? "status" : kind < 61 ? "sync" : "clock");
                }
                Thread.Sleep(5);
            }
            double elapsed = watch.Elapsed.TotalSeconds;
            WaitFor(() => upstream.Claimed - claimedBefore >= sent, 30);
            double cadenceClaims = (upstream.Claimed - claimedBefore) / elapsed;

            ctx.Progress("burst: " + BurstPerController + " statuses from each controller at once");
            claimedBefore = upstream.Claimed;
            watch.Restart();
            for (int round = 0; round < BurstPerController; round++)
            {
                for (int d = 0; d < Controllers; d++) Send(senders, site, d, ++nonces[d], "status");
            }
            long burst = (long)BurstPerController * Controllers;
            if (!WaitFor(() => upstream.Claimed - claimedBefore >= burst, 300)) throw new InvalidOperationException("burst not claimed: " + (upstream.Claimed - claimedBefore) + " of " + burst);
            double burstSeconds = watch.Elapsed.TotalSeconds;
            double ceiling = burst / burstSeconds;
            long rows = host.Store.Db.QuerySingle("SELECT COUNT(*) AS n FROM wire_nonces").Long("n");
            long replays = host.Mqtt.Audit.Count(DoorController.Server.Mqtt.WireAudit.Replayed);
            foreach (var t in senders) t.Dispose();

            ctx.ReportLines.Add(Controllers + " simulated controllers (" + Connections + " MQTT connections over TLS, dynamic security) → mosquitto → server (MAC checked on the network thread, then the nonce claimed in `wire_nonces` by one conditional upsert, its own SQLite commit with synchronous=FULL, on the `mqtt-upstream` thread, before the status is stored or the sync or clock request answered). Load average " + BenchContext.LoadAverage() + ".");
            ctx.ReportLines.Add("");
            ctx.ReportLines.Add("| figure | value |");
            ctx.ReportLines.Add("|---|---|");
            ctx.ReportLines.Add("| messages per controller and hour at the firmware's cadence (status every " + options.StatusIntervalMilliseconds / 1000 + " s, sync request hourly, clock refresh hourly) | " + perHour.ToString("F0") + " |");
            ctx.ReportLines.Add("| claims at that cadence, " + Controllers + " controllers, " + elapsed.ToString("F0") + " s (each one write) | " + cadenceClaims.ToString("F2") + " /s |");
            ctx.ReportLines.Add("| claiming ceiling (" + burst + " statuses sent at once) | " + ceiling.ToString("F0") + " /s (" + (1000.0 / ceiling).ToString("F2") + " ms per claim, each its own commit; the statuses are stored by their own thread meanwhile) |");
            ctx.ReportLines.Add("| share of the ceiling the cadence uses | " + (100 * cadenceClaims / ceiling).ToString("F1") + " % |");
            ctx.ReportLines.Add("| rows in wire_nonces (one per controller and track) / replays refused | " + rows + " / " + replays + " |");
            return "bench upstream: controllers=" + Controllers + " cadence_writes_per_s=" + cadenceClaims.ToString("F2") + " ceiling_per_s=" + ceiling.ToString("F0")
                + " share_pct=" + (100 * cadenceClaims / ceiling).ToString("F1") + " rows=" + rows;
        }

        private static void Send(MosquittoTransport[] senders, SiteLayout site, int device, long nonce, string kind)
        {
            WireKeys keys = site.Keys[device];
            string topic;
            byte[] json;
            if (kind == "status")
            {
                topic = keys.Topics.Status;
                json = new StatusMessage { Nonce = nonce, Firmware = "bench", Mode = "normal", Door = "closed", Lock = "locked", TimeState = "server", At = DateTimeOffset.UtcNow.ToUnixTimeSeconds() }.ToJson();
            }
            else if (kind == "sync")
            {
                topic = keys.Topics.SyncRequest;
                json = new SyncRequest { Nonce = nonce, Have = int.MaxValue, Reason = "periodic", FlashMegabytes = 4 }.ToJson();
            }
            else
            {
                topic = keys.Topics.ClockRequest;
                json = new ClockRequest { Nonce = nonce }.ToJson();
            }
            senders[device % Connections].Publish(topic, keys.Seal(topic, json), 1, false);
        }

        /// <summary>One connection speaking for every <see cref="Connections"/>-th controller, allowed exactly their upstream topics.</summary>
        private static MosquittoTransport Sender(MosquittoBroker broker, SiteLayout site, int index)
        {
            var acls = new List<BrokerAcl>();
            for (int d = index; d < Controllers; d += Connections)
            {
                var topics = site.Keys[d].Topics;
                acls.Add(new BrokerAcl(BrokerAcl.PublishSend, topics.Status));
                acls.Add(new BrokerAcl(BrokerAcl.PublishSend, topics.SyncRequest));
                acls.Add(new BrokerAcl(BrokerAcl.PublishSend, topics.ClockRequest));
            }
            return BenchConnection.Open(broker, "bench-upstream-" + index, acls, "bench upstream senders " + index, new IgnoreMessages());
        }

        private static bool WaitFor(Func<bool> condition, int seconds)
        {
            var until = DateTime.UtcNow.AddSeconds(seconds);
            while (DateTime.UtcNow < until && !condition()) Thread.Sleep(20);
            return condition();
        }
    }
}

using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.IO;
using DoorController.Access;
using DoorController.Core;
using DoorController.Hal;
using DoorController.Hal.Host.Mqtt;
using DoorController.Hal.Host;
using DoorController.Journal;
using DoorController.Link;
using DoorController.LocalBroker;
using DoorController.Contract;

namespace DoorController.Bench
{
    /// <summary>
    /// tools/bench replay: 100 controllers come back from an outage with 1,000 journaled offline grants each
    /// (100,000 events) and replay them through mosquitto to the server with the protocol's go-back-N window, while
    /// the server stores them idempotently, acknowledges, and re-runs the skipped anti-passback checks in time order
    /// across all readers. The events are the firmware's own: appended to a real EventJournal per controller and read
    /// back through JournalEventSource (EventJson rendering, the "prev" each event names). One controller in ten
    /// resends its first 200 events (a lost ack), and the server is restarted once a third of the way in (the restart
    /// race: what was in flight is lost, acks released just before the stop let newer events overtake it). Each
    /// controller's last event is a second entry without an exit, so exactly 100 after-the-fact alerts must come out.
    /// </summary>
    public static class ReplayBench
    {
        private const int Controllers = 100;
        private const int EventsPerController = 1000;
        private const int UsersPerController = 10;

        public static string Run(BenchContext ctx)
        {
            int window = new LinkOptions().ReplayWindowEvents;
            using var broker = MosquittoBroker.Start();
            ctx.Progress("provisioning " + Controllers + " controllers (entry + exit reader each), each with its own broker identity");
            var host = BenchSite.Provision(ctx.ScratchDirectory, broker, Controllers, UsersPerController, out var site, pairedReaders: true);
            if (!host.Mqtt.WaitConnected(TimeSpan.FromSeconds(15))) throw new InvalidOperationException("server did not connect to mosquitto");

            long t0 = DateTimeOffset.UtcNow.AddHours(-6).ToUnixTimeMilliseconds();
            ctx.Progress("journalling " + EventsPerController + " offline grants on each controller's own EventJournal");
            var controllers = Enumerable.Range(0, Controllers).Select(d => new Replayer(broker, site, d, t0, Path.Combine(ctx.ScratchDirectory, "journal-" + d))).ToList();
            ctx.Progress("replaying " + Controllers * EventsPerController + " events, window " + window + " per controller");
            var sw = Stopwatch.StartNew();
            var threads = controllers.Select(c => new Thread(() => c.Replay(window)) { IsBackground = true }).ToList();
            threads.ForEach(t => t.Start());
            long expectedTotal = (long)Controllers * EventsPerController;
            while (controllers.Sum(c => c.AckedCount) < expectedTotal / 3 && sw.Elapsed.TotalMinutes < 5) Thread.Sleep(20);
            ctx.Progress("restarting the server mid-replay");
            host.Dispose();
            host = BenchSite.Reopen(ctx.ScratchDirectory, broker);
            host.Start();
            if (!host.Mqtt.WaitConnected(TimeSpan.FromSeconds(15))) throw new InvalidOperationException("server did not reconnect to mosquitto");
            threads.ForEach(t => t.Join());
            double stored = sw.Elapsed.TotalSeconds;
            // Retro review runs as batches arrive; wait for the tail.
            var db = host.Store.Db;
            while (db.QuerySingle("SELECT COUNT(*) AS n FROM access_log WHERE retro_checked = 0").Long("n") > 0 && sw.Elapsed.TotalSeconds < 300) Thread.Sleep(50);
            double reviewed = sw.Elapsed.TotalSeconds;

            var stats = db.QuerySingle("SELECT COUNT(*) AS n, COUNT(DISTINCT device_id || ':' || event_id) AS d FROM access_log WHERE source = 'offline'");
            long rows = stats.Long("n"), distinct = stats.Long("d");
            long findings = db.QuerySingle("SELECT COUNT(*) AS n FROM alerts WHERE kind = 'retro-fraud'").Long("n");
            long expected = (long)Controllers * EventsPerController;
            long resent = controllers.Sum(c => c.Resent);
            foreach (var c in controllers) c.Dispose();
            host.Dispose();

            ctx.ReportLines.Add(Controllers + " controllers replay " + EventsPerController + " offline grants each through mosquitto (TLS, one broker identity per controller; window " + window
                + " events per controller, cumulative acks, go-back-N), events journalled and rendered by the firmware (EventJournal, JournalEventSource), " + resent
                + " events resent on purpose, the server restarted once mid-replay; the server stores by (controller, event id), acknowledges after commit only what it holds without a gap "
                + "and re-judges every offline grant with the decision core, oldest first across all readers. Load average " + BenchContext.LoadAverage() + ".");
            ctx.ReportLines.Add("");
            ctx.ReportLines.Add("| figure | value |");
            ctx.ReportLines.Add("|---|---|");
            ctx.ReportLines.Add("| all events stored and acknowledged | " + stored.ToString("F1") + " s (" + (expected / stored).ToString("F0") + " events/s) |");
            ctx.ReportLines.Add("| ... and every offline grant retro-checked | " + reviewed.ToString("F1") + " s |");
            ctx.ReportLines.Add("| rows / distinct (controller, event) / expected | " + rows + " / " + distinct + " / " + expected + " |");
            ctx.ReportLines.Add("| after-the-fact alerts (expected " + Controllers + ") | " + findings + " |");
            return "bench replay: events=" + expected + " seconds=" + reviewed.ToString("F1") + " stored_s=" + stored.ToString("F1") + " lost=" + (expected - distinct)
                + " duplicates=" + (rows - distinct) + " retro_alerts=" + findings;
        }

        /// <summary>One controller's journal and its replayer: publish up to the window past the last ack, wait for acks.</summary>
        private sealed class Replayer : IMqttMessageListener, IDisposable
        {
            private readonly MosquittoTransport _t;
            private readonly LinkTopics _topics;
            private readonly WireKeys _keys;
            // Index k (1..N) is the k-th journal event: its id, the id it follows, its rendered JSON, the MAC it was sent with.
            private readonly long[] _ids = new long[EventsPerController + 1];
            private readonly long[] _previous = new long[EventsPerController + 1];
            private readonly string[] _journal = new string[EventsPerController + 1];
            private readonly string[] _macs = new string[EventsPerController + 1];
            private readonly Dictionary<long, int> _indexOf = new Dictionary<long, int>();
            private long _acked;
            private readonly SlotCounter _ackSignal = new SlotCounter(0); // no spinning waiters

            public Replayer(MosquittoBroker broker, SiteLayout site, int d, long t0, string flash)
            {
                _keys = site.Keys[d];
                _topics = _keys.Topics;
                Journal(site, d, t0, flash);
                BrokerLogin login = broker.RegisterController(site.Devices[d]);
                _t = new MosquittoTransport(broker.Endpoint(login));
                if (!_t.Connect(login.ClientId, null, null, this) || !_t.Subscribe(_topics.EventsAck, 1)) throw new InvalidOperationException(_t.LastError);
                ResendFirst = d % 10 == 0 ? 200 : 0;
            }

            /// <summary>Appends the outage's offline grants to a real journal and reads them back as the link would.</summary>
            private void Journal(SiteLayout site, int d, long t0, string flash)
            {
                Directory.CreateDirectory(flash);
                var clock = new BenchClock();
                var journal = new EventJournal(new DirectoryFileStore(flash), clock, new JournalOptions { MaxSegments = 24 });
                if (!journal.Open()) throw new InvalidOperationException("journal did not open");
                var inside = new bool[UsersPerController];
                var grant = new AccessDecisionEvent { Allowed = true, Reason = (int)ReasonCode.Granted, PendingRetro = true, Method = (int)CredentialMethod.Nfc, RequestId = "" };
                for (int k = 1; k <= EventsPerController; k++)
                {
                    int u = k % UsersPerController;
                    // Regular passages alternate entry/exit per user; the last event is the planted violation:
                    // user 0 is inside after 99 passages and enters again.
                    bool entry = k == EventsPerController ? true : !inside[u];
                    if (k != EventsPerController) inside[u] = entry;
                    else u = 0;
                    clock.UtcNow = DateTimeOffset.FromUnixTimeMilliseconds(t0 + k * 1000L + d).UtcDateTime;
                    clock.UptimeMilliseconds = k;
                    grant.Direction = (int)(entry ? Direction.Entry : Direction.Exit);
                    grant.UserId = site.Users[d][u].ToString();
                    grant.ReaderId = (entry ? site.Readers[d] : site.ExitReaders[d]).ToString();
                    Hex.TryDecode(site.Hashes[d][u], out grant.CredentialHash);
                    if (journal.Append(EventType.AccessDecision, grant, RecordFlags.None) == EventId.None) throw new InvalidOperationException("journal full");
                }
                var source = new DoorController.Controller.JournalEventSource(journal);
                long after = -1;
                for (int k = 1; k <= EventsPerController; k++)
                {
                    if (!source.TryRead(after, out _previous[k], out _ids[k], out _journal[k])) throw new InvalidOperationException("journal read " + k);
                    _indexOf[_ids[k]] = k;
                    after = _ids[k];
                }
            }

            /// <summary>Events acknowledged so far.</summary>
            public long AckedCount => Interlocked.Read(ref _acked);

            public int ResendFirst { get; }
            public long Resent { get; private set; }

            public void Replay(int window)
            {
                long sent = 0;
                var deadline = DateTime.UtcNow.AddMinutes(5);
                while (Interlocked.Read(ref _acked) < EventsPerController && DateTime.UtcNow < deadline)
                {
                    long acked = Interlocked.Read(ref _acked);
                    if (sent < acked) sent = acked;
                    while (sent < EventsPerController && sent - acked < window)
                    {
                        sent++;
                        Send(sent);
                    }
                    if (!_ackSignal.Wait(5000)) sent = Interlocked.Read(ref _acked); // ack timeout: go back
                    if (ResendFirst > 0 && Resent == 0 && Interlocked.Read(ref _acked) >= ResendFirst)
                    {
                        // A lost ack: the controller goes back and resends events the server already stored.
                        for (long seq = 1; seq <= ResendFirst; seq++) Send(seq);
                        Resent = ResendFirst;
                    }
                }
            }

            /// <summary>Seals one event as the controller does and remembers its MAC for the ack check.</summary>
            private void Send(long seq)
            {
                // After a go-back the first event resent follows the acknowledged one, as EventReplayer sends it.
                byte[] payload = _keys.Seal(_topics.Events, new EventMessage { Sequence = _ids[seq], Previous = _previous[seq], EventJson = _journal[seq] }.ToJson());
                Volatile.Write(ref _macs[seq], WireMac.TagHex(payload));
                _t.Publish(_topics.Events, payload, 1, false);
            }

            public void OnMessage(string topic, byte[] payload)
            {
                // As the controller: the ack must verify and name the MAC of the event it acknowledges.
                if (_keys.Verify(topic, payload, out _) && EventAck.TryParse(payload, out EventAck ack, out _) && _indexOf.TryGetValue(ack.UpTo, out int k)
                    && ack.EventMac == Volatile.Read(ref _macs[k]))
                {
                    long current;
                    while ((current = Interlocked.Read(ref _acked)) < k && Interlocked.CompareExchange(ref _acked, k, current) != current) { }
                    _ackSignal.Release();
                }
            }

            public void OnConnectionLost() { }
            public void Dispose() => _t.Dispose();
        }

        /// <summary>The journal's clock, set to each grant's moment in the outage.</summary>
        private sealed class BenchClock : IClock
        {
            public DateTime UtcNow { get; set; }
            public long UptimeMilliseconds { get; set; }
        }
    }
}

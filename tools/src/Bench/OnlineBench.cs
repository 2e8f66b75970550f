using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using DoorController.Hal;
using DoorController.Hal.Host.Mqtt;
using DoorController.Link;
using DoorController.Contract;
using DoorController.LocalBroker;
using DoorController.Server;
using DoorController.Server.Decisions;
using DoorController.Server.Mqtt;
using DoorController.Server.Storage;

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
        private const int Connections = 20;
        private const int InFlightPerConnection = 16;

        public static string Run(BenchContext ctx)
        {
            int seconds = ctx.Args.Length > 0 && int.TryParse(ctx.Args[0], out int s) ? s : 5;
            using var broker = MosquittoBroker.Start();
            ctx.Progress("provisioning " + Controllers + " controllers, " + Controllers * UsersPerController + " users");
            using var host = Provision(ctx.ScratchDirectory, broker, Controllers, UsersPerController, out var site);
            if (!host.Mqtt.WaitConnected(TimeSpan.FromSeconds(15))) throw new InvalidOperationException("server did not connect to mosquitto");

            var serverLoops = CpuSplit.MosquittoThreads();
            var clients = new List<Client>();
            for (int c = 0; c < Connections; c++) clients.Add(new Client(broker, c, site));

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
            string serverAllocation = "network thread " + PerDecision(allocated.Network, allocatedAfter.Network) + " B, decision thread " + PerDecision(allocated.Decision, allocatedAfter.Decision)
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
                + " MQTT connections over TLS, each authenticated as a dynamic-security identity whose role lists exactly its controllers' topics) → mosquitto → server (message MAC and nonce checked, decision core with anti-passback across all readers, group-commit access log on SQLite WAL, synchronous=FULL, "
                + "the request nonce stored with each batch) → sealed answer, verified by the client: one HMAC-SHA256 to sign and one to verify on each side. "
                + "The broker ceiling is the same clients and concurrency against an echo client instead of the server. Load average " + LoadAverage() + ".");
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

        internal static (double Rate, double P50, double P99) ClosedLoop(List<Client> clients, int seconds, bool echo)
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

        internal static (double Rate, double P50, double P99, long Answered) FixedRate(List<Client> clients, int perSecond, int seconds, bool echo)
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

        public static string LoadAverage()
        {
            try { return File.ReadAllText("/proc/loadavg").Split(' ')[0]; } catch (IOException) { return "?"; }
        }

        /// <summary>Controllers' numbers for the simulated clients: device id, reader number, user credential hashes.</summary>
        public sealed class SiteLayout
        {
            public string[] Devices;
            public int[] Readers;
            /// <summary>Exit readers (only with paired readers; the single reader otherwise).</summary>
            public int[] ExitReaders;
            public string[][] Hashes;
            public int[][] Users;
            /// <summary>Each controller's message keys (its device key is provisioned as 32 zero bytes).</summary>
            public WireKeys[] Keys;
        }

        /// <summary>The bench's server on its data directory under <paramref name="scratch"/> (again after a restart).</summary>
        public static ServerHost Reopen(string scratch, MosquittoBroker broker, Action<ServerOptions> configure = null)
        {
            var options = new ServerOptions { DataDirectory = Path.Combine(scratch, "server"), Port = 0, AdminPassword = "bench-password",
                Broker = BrokerAccess.Of(broker), RunRetentionJob = false };
            configure?.Invoke(options);
            return ServerHost.Create(options);
        }

        /// <summary>A server on a scratch SQLite with <paramref name="devices"/> controllers (one "both" reader each) and
        /// users permitted there, written in one transaction (registering 5,000 people one by one is not the benchmark).</summary>
        /// <param name="configure">Changes to the server's options (the scale benchmark: PostgreSQL, an instance name).</param>
        /// <param name="entryNeighbour">Entry readers, each user also permitted at the next controller's reader (two
        /// doors for one person: the scale benchmark's double entries).</param>
        public static ServerHost Provision(string scratch, MosquittoBroker broker, int devices, int usersPerDevice, out SiteLayout site, bool pairedReaders = false,
            Action<ServerOptions> configure = null, bool entryNeighbour = false)
        {
            var host = Reopen(scratch, broker, configure);
            var hasher = host.Services.Context.Hasher;
            var layout = new SiteLayout { Devices = new string[devices], Readers = new int[devices], ExitReaders = new int[devices], Hashes = new string[devices][], Users = new int[devices][],
                Keys = new WireKeys[devices] };
            long now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            var second = new List<(int N, string User, string Reader)>();
            host.Store.Db.InTransaction(tx =>
            {
                for (int d = 0; d < devices; d++)
                {
                    string device = "d-bench" + d, reader = "r-bench" + d;
                    tx.Execute("INSERT INTO devices (id, name, location, usage, device_key, cache_version, revoked, created_at) VALUES (@id, @n, 'bench', 'both', @k, 0, 0, @t)",
                        new { id = device, n = "bench " + d, k = host.Services.Context.DeviceKeys.Seal(device, new byte[32]), t = now });
                    tx.Execute("INSERT INTO readers (id, device_id, name, usage, created_at) VALUES (@id, @d, @n, @u, @t)",
                        new { id = reader, d = device, n = "R" + d, u = pairedReaders || entryNeighbour ? "entry" : "both", t = now });
                    layout.Devices[d] = device;
                    layout.Keys[d] = new WireKeys(new byte[32], new LinkTopics(device), keyedPerPurpose: true); // as the server holds them
                    layout.Readers[d] = NumericIds.Assign(tx, reader);
                    layout.ExitReaders[d] = layout.Readers[d];
                    if (pairedReaders)
                    {
                        tx.Execute("INSERT INTO readers (id, device_id, name, usage, created_at) VALUES (@id, @d, @n, 'exit', @t)", new { id = reader + "x", d = device, n = "R" + d + "x", t = now });
                        layout.ExitReaders[d] = NumericIds.Assign(tx, reader + "x");
                    }
                    layout.Hashes[d] = new string[usersPerDevice];
                    layout.Users[d] = new int[usersPerDevice];
                    for (int u = 0; u < usersPerDevice; u++)
                    {
                        int n = d * usersPerDevice + u;
                        string user = "u-bench" + n, uid = "04" + n.ToString("X6");
                        tx.Execute("INSERT INTO users (id, name, attribute, revoked, created_at) VALUES (@id, @n, 'employee', 0, @t)", new { id = user, n = "user " + n, t = now });
                        layout.Users[d][u] = NumericIds.Assign(tx, user);
                        layout.Hashes[d][u] = hasher.Hash("nfc", uid);
                        tx.Execute("INSERT INTO credentials (id, user_id, method, hash, one_time, revoked, created_at) VALUES (@id, @u, 'nfc', @h, 0, 0, @t)",
                            new { id = "c-bench" + n, u = user, h = layout.Hashes[d][u], t = now });
                        tx.Execute("INSERT INTO permissions (id, user_id, reader_id, created_at) VALUES (@id, @u, @r, @t)", new { id = "p-bench" + n, u = user, r = reader, t = now });
                        tx.Execute("INSERT INTO permission_windows (permission_id, days_mask, start_minute, end_minute) VALUES (@p, 255, 0, 1440)", new { p = "p-bench" + n });
                        if (pairedReaders || entryNeighbour)
                        {
                            // The neighbour's reader is made on its turn: these permissions are written after the loop.
                            second.Add((n, user, pairedReaders ? reader + "x" : "r-bench" + (d + 1) % devices));
                        }
                    }
                }
                foreach (var (n, user, reader) in second)
                {
                    tx.Execute("INSERT INTO permissions (id, user_id, reader_id, created_at) VALUES (@id, @u, @r, @t)", new { id = "p-bench" + n + "x", u = user, r = reader, t = now });
                    tx.Execute("INSERT INTO permission_windows (permission_id, days_mask, start_minute, end_minute) VALUES (@p, 255, 0, 1440)", new { p = "p-bench" + n + "x" });
                }
            });
            host.Services.Context.Changed();
            host.Start();
            site = layout;
            return host;
        }

        /// <summary>The broker-ceiling responder, for the scale benchmark.</summary>
        internal static IDisposable StartEcho(MosquittoBroker broker) => new EchoResponder(broker);

        /// <summary>Answers every echo request at once: the broker's own round trip with no server behind it.</summary>
        private sealed class EchoResponder : IMqttMessageListener, IDisposable
        {
            private readonly MosquittoTransport _t;
            public EchoResponder(MosquittoBroker broker)
            {
                var acls = new List<BrokerAcl>
                {
                    new(BrokerAcl.SubscribePattern, "bench/echo/req/+"), new(BrokerAcl.PublishReceive, "bench/echo/req/+"),
                    new(BrokerAcl.PublishSend, "bench/echo/resp/+"),
                };
                BrokerLogin login = broker.Admin.CreateIdentity("bench-echo", "bench-echo", acls, "bench echo responder");
                _t = new MosquittoTransport(broker.Endpoint(login));
                if (!_t.Connect(login.ClientId, null, null, this) || !_t.Subscribe("bench/echo/req/+", 0)) throw new InvalidOperationException("echo: " + _t.LastError);
            }
            public void OnMessage(string topic, byte[] payload) => _t.Publish("bench/echo/resp/" + topic.Substring(15), payload, 0, false);
            public void OnConnectionLost() { }
            public void Dispose() => _t.Dispose();
        }

        /// <summary>In-flight slots of one client. A kernel semaphore, not SemaphoreSlim: twenty sender threads spinning
        /// (sched_yield) while they wait for answers took a fifth of both cores away from the server being measured.</summary>
        public sealed class SlotCounter
        {
            private readonly Semaphore _free;
            private int _count;
            public SlotCounter(int initial) { _free = new Semaphore(initial, int.MaxValue); _count = initial; }
            public int CurrentCount => Volatile.Read(ref _count);
            public bool Wait(int milliseconds)
            {
                if (!_free.WaitOne(milliseconds)) return false;
                Interlocked.Decrement(ref _count);
                return true;
            }
            public void Release() { Interlocked.Increment(ref _count); _free.Release(); }
        }

        /// <summary>One MQTT connection speaking for <see cref="Controllers"/>/<see cref="Connections"/> controllers, signing each
        /// request and verifying each answer as a controller does (one HMAC-SHA256 each way, plus the server's two).</summary>
        internal sealed class Client : IMqttMessageListener, IDisposable
        {
            private readonly MosquittoTransport _t;
            private readonly int _index;
            private readonly SiteLayout _site;
            private readonly List<int> _devices = new List<int>();
            private readonly ConcurrentDictionary<string, long> _sent = new ConcurrentDictionary<string, long>();
            private readonly ConcurrentQueue<(string Id, double Ms)> _latencies = new ConcurrentQueue<(string, double)>();
            private readonly Dictionary<string, int> _deviceOf = new Dictionary<string, int>();
            private long _seq, _answered, _granted, _echoed, _sentDecisions;

            public Client(MosquittoBroker broker, int index, SiteLayout site) : this(broker, index, site, 0) { }

            /// <param name="generation">Identities are per broker: a second set of clients on one broker needs other names.</param>
            public Client(MosquittoBroker broker, int index, SiteLayout site, int generation)
            {
                _index = index;
                _site = site;
                for (int d = index; d < site.Devices.Length; d += Connections) _devices.Add(d);
                // One identity speaks for this connection's controllers: exactly their request and answer topics.
                var acls = new List<BrokerAcl>
                {
                    new(BrokerAcl.PublishSend, "bench/echo/req/" + index),
                    new(BrokerAcl.SubscribeLiteral, "bench/echo/resp/" + index), new(BrokerAcl.PublishReceive, "bench/echo/resp/" + index),
                };
                foreach (int d in _devices)
                {
                    var topics = site.Keys[d].Topics;
                    _deviceOf[topics.DecisionResponse] = d;
                    acls.Add(new(BrokerAcl.PublishSend, topics.DecisionRequest));
                    acls.Add(new(BrokerAcl.SubscribeLiteral, topics.DecisionResponse));
                    acls.Add(new(BrokerAcl.PublishReceive, topics.DecisionResponse));
                }
                string who = "bench-sim-" + (generation == 0 ? "" : generation + "-") + index;
                BrokerLogin login = broker.Admin.CreateIdentity(who, who, acls, "bench simulated controllers " + index);
                _t = new MosquittoTransport(broker.Endpoint(login));
                if (!_t.Connect(login.ClientId, null, null, this)) throw new InvalidOperationException("client: " + _t.LastError);
                foreach (int d in _devices)
                {
                    if (!_t.Subscribe(site.Keys[d].Topics.DecisionResponse, 0)) throw new InvalidOperationException("client: " + _t.LastError);
                }
                if (!_t.Subscribe("bench/echo/resp/" + index, 0)) throw new InvalidOperationException("client: " + _t.LastError);
                Slots = new SlotCounter(InFlightPerConnection);
            }

            public SlotCounter Slots { get; }
            public long Answered => Interlocked.Read(ref _answered);
            public long Granted => Interlocked.Read(ref _granted);
            public long Echoed => Interlocked.Read(ref _echoed);
            /// <summary>Decision requests published.</summary>
            public long Sent => Interlocked.Read(ref _sentDecisions);
            public IEnumerable<double> Latencies => _latencies.Select(l => l.Ms);
            /// <summary>Round trips since the last reset, by request id.</summary>
            public IEnumerable<(string Id, double Ms)> RoundTrips => _latencies;

            public void ResetLatencies() { while (_latencies.TryDequeue(out _)) { } }

            public void RefillSlots(int to) { while (Slots.CurrentCount < to) Slots.Release(); _sent.Clear(); }

            public void SendDecision()
            {
                long n = Interlocked.Increment(ref _seq);
                int d = _devices[(int)(n % _devices.Count)];
                int u = (int)(n / _devices.Count % _site.Hashes[d].Length);
                // n grows per connection (one sender thread each), so each controller's nonces grow as the server requires.
                var request = new DecisionRequest { RequestId = _index + "-" + n, Nonce = n, Reader = _site.Readers[d], CredentialKind = "nfc", CredentialHash = _site.Hashes[d][u],
                    At = DateTimeOffset.UtcNow.ToUnixTimeSeconds() };
                var keys = _site.Keys[d];
                string topic = keys.Topics.DecisionRequest;
                byte[] payload = keys.Seal(topic, request.ToJson());
                _sent[request.RequestId] = Stopwatch.GetTimestamp();
                Interlocked.Increment(ref _sentDecisions);
                _t.Publish(topic, payload, 0, false);
            }

            /// <summary>A request with credential <paramref name="hash"/> at <paramref name="reader"/> of controller
            /// <paramref name="at"/> (one of this connection's controllers).</summary>
            public void SendFor(int at, int reader, string hash)
            {
                long n = Interlocked.Increment(ref _seq);
                var request = new DecisionRequest { RequestId = _index + "-" + n, Nonce = n, Reader = reader, CredentialKind = "nfc", CredentialHash = hash,
                    At = DateTimeOffset.UtcNow.ToUnixTimeSeconds() };
                var keys = _site.Keys[at];
                byte[] payload = keys.Seal(keys.Topics.DecisionRequest, request.ToJson());
                _sent[request.RequestId] = Stopwatch.GetTimestamp();
                Interlocked.Increment(ref _sentDecisions);
                _t.Publish(keys.Topics.DecisionRequest, payload, 0, false);
            }

            public void SendEcho()
            {
                string id = _index + "-" + Interlocked.Increment(ref _seq);
                _sent[id] = Stopwatch.GetTimestamp();
                _t.Publish("bench/echo/req/" + _index, Encoding.ASCII.GetBytes(id), 0, false);
            }

            public void OnMessage(string topic, byte[] payload)
            {
                string id;
                if (topic.StartsWith("bench/echo/resp/", StringComparison.Ordinal))
                {
                    id = Encoding.ASCII.GetString(payload);
                    Interlocked.Increment(ref _echoed);
                }
                else
                {
                    if (!_site.Keys[_deviceOf[topic]].Verify(topic, payload, out _) || !DecisionResponse.TryParse(payload, out DecisionResponse r, out _)) return;
                    id = r.RequestId;
                    Interlocked.Increment(ref _answered);
                    if (r.Granted) Interlocked.Increment(ref _granted);
                }
                if (_sent.TryRemove(id, out long t0)) _latencies.Enqueue((id, (Stopwatch.GetTimestamp() - t0) * 1000.0 / Stopwatch.Frequency));
                if (Slots.CurrentCount < InFlightPerConnection) Slots.Release();
            }

            public void OnConnectionLost() { }
            public void Dispose() => _t.Dispose();
        }
    }
}

using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using DoorController.Access;
using DoorController.Core;
using DoorController.Hal;
using DoorController.Hal.Host;
using DoorController.Hal.Host.Mqtt;
using DoorController.Link;
using DoorController.LocalBroker;
using DoorController.Link.Bundles;
using DoorController.Contract.Json;
using DoorController.Contract;
using DoorController.Link.Time;

namespace DoorController.Bench
{
    /// <summary>
    /// tools/bench sync: a real mosquitto on 127.0.0.1, a controller link (libmosquitto transport, files in a
    /// directory with fsync) and a server-side client. Measures the time from the server starting to publish a
    /// 50,000-credential full bundle (the access layer's real store format) until the controller has verified,
    /// staged, read back and installed it, and the latency of small deltas (publish → installed).
    /// </summary>
    public static class SyncBench
    {
        private const int Credentials = 50000;
        private const int FullRuns = 3;
        private const int Deltas = 200;
        private const string DeviceId = "bench-1";
        private static readonly byte[] DeviceKey = Encoding.UTF8.GetBytes("bench-device-key-000000000000001");

        public static string Run(BenchContext ctx)
        {
            using var broker = MosquittoBroker.Start();
            return Measure(ctx, broker);
        }

        private static string Measure(BenchContext ctx, MosquittoBroker broker)
        {
            byte[] body = BuildStore(Credentials);
            ctx.Progress("store body: " + body.Length + " bytes for " + Credentials + " credentials");

            var clock = new HostConsoleClock();
            var files = new DirectoryFileStore(Path.Combine(ctx.ScratchDirectory, "flash"));
            var access = new BenchAccess();
            var options = new LinkOptions { DeviceId = DeviceId, InboxCapacity = 1024, BundleStallMilliseconds = 30000, FlashMegabytes = 16 };
            using var transport = new MosquittoTransport(broker.Endpoint(broker.RegisterController(DeviceId)));
            var link = new LinkController(options, transport, clock, new SiteClock(clock, files), files, DeviceKey, access, access, access, access, access, new Random(1));
            link.Start();
            TickUntil(link, () => link.IsOnline, 5000, "controller online");

            using var server = new MosquittoTransport(broker.ServerEndpoint);
            if (!server.Connect(broker.ServerLogin.ClientId, null, null, new IgnoreMessages())) throw new InvalidOperationException("server client: " + server.LastError);
            var topics = new LinkTopics(DeviceId);
            long issuedAt = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

            var fullTimes = new List<double>();
            int chunkCount = 0;
            int bundleBytes = 0;
            uint version = 0;
            for (int run = 0; run < FullRuns; run++)
            {
                version++;
                var info = new BundleInfo { Kind = BundleKind.Full, Version = version, ContentType = 1, IssuedAt = issuedAt, MaxOfflineSeconds = BundleInfo.DefaultMaxOfflineSeconds };
                var watch = Stopwatch.StartNew();
                byte[][] chunks = BundleChunk.Split(DeviceKey, info, body);
                foreach (byte[] chunk in chunks) server.Publish(topics.SyncChunk, chunk, 1, false);
                uint expected = version;
                TickUntil(link, () => link.Bundles.InstalledVersion == expected, 60000, "bundle v" + expected);
                fullTimes.Add(watch.Elapsed.TotalMilliseconds);
                chunkCount = chunks.Length;
                bundleBytes = 0;
                foreach (byte[] chunk in chunks) bundleBytes += chunk.Length;
                ctx.Progress("full bundle " + run + ": " + watch.ElapsedMilliseconds + " ms");
            }

            var deltaTimes = new List<double>();
            byte[] deltaBody = BuildDeltaBody(10);
            for (int i = 0; i < Deltas; i++)
            {
                version++;
                var info = new BundleInfo { Kind = BundleKind.Delta, Version = version, BaseVersion = version - 1, ContentType = 1, IssuedAt = issuedAt, MaxOfflineSeconds = BundleInfo.DefaultMaxOfflineSeconds };
                var watch = Stopwatch.StartNew();
                foreach (byte[] chunk in BundleChunk.Split(DeviceKey, info, deltaBody)) server.Publish(topics.SyncChunk, chunk, 1, false);
                uint expected = version;
                TickUntil(link, () => link.Bundles.InstalledVersion == expected, 10000, "delta v" + expected);
                deltaTimes.Add(watch.Elapsed.TotalMilliseconds);
            }
            link.Stop();

            fullTimes.Sort();
            deltaTimes.Sort();
            double fullMedian = fullTimes[fullTimes.Count / 2];
            double p50 = Percentile(deltaTimes, 0.50), p99 = Percentile(deltaTimes, 0.99);
            double parseMicros = DecisionResponseParseMicroseconds();

            ctx.ReportLines.Add("| measure | value |");
            ctx.ReportLines.Add("|---|---|");
            ctx.ReportLines.Add("| full bundle, " + Credentials + " credentials (access store format) | " + bundleBytes + " B in " + chunkCount + " chunks of at most " + BundleChunk.MaxChunkBytes + " B |");
            ctx.ReportLines.Add("| publish → verified, staged, read back, installed (median of " + FullRuns + ", min " + fullTimes[0].ToString("F0") + ", max " + fullTimes[fullTimes.Count - 1].ToString("F0") + ") | " + fullMedian.ToString("F0") + " ms |");
            ctx.ReportLines.Add("| delta of 10 credentials, publish → merged and installed, p50 / p99 of " + Deltas + " | " + p50.ToString("F1") + " / " + p99.ToString("F1") + " ms |");
            ctx.ReportLines.Add("| decision response: verify MAC + parse + validate (portable JSON codec) | " + parseMicros.ToString("F2") + " µs |");
            ctx.ReportLines.Add("");
            ctx.ReportLines.Add("Host figures: mosquitto and both clients on one machine, libmosquitto transport, the controller's files in a directory "
                + "with fsync. The bench's stand-in merge rewrites the whole store (installed body + delta) and the link installs it with "
                + "fsync, read-back and an atomic replace, so delta latency grows with the store size. On an ESP32 the chunk MACs (mbedTLS HMAC over each 2 KB chunk) and LittleFS writes dominate; expect "
                + "seconds to tens of seconds for the full bundle.");

            return "bench sync: bundle_50k_ms=" + (long)Math.Round(fullMedian) + " bundle_bytes=" + bundleBytes + " chunks=" + chunkCount
                + " delta_latency_ms_p50=" + (long)Math.Round(p50) + " delta_latency_ms_p99=" + (long)Math.Round(p99);
        }

        /// <summary>A store of <paramref name="count"/> cards of as many employees, all in one group permitted at one reader.</summary>
        private static byte[] BuildStore(int count)
        {
            var directory = new InMemoryCredentialDirectory();
            var users = new InMemoryUserDirectory();
            var permissions = new InMemoryPermissions();
            permissions.Add(Permission.ForGroup(1, PermissionTarget.Reader, 1));
            byte[] key = Encoding.UTF8.GetBytes("bench-site-key");
            byte[] uid = new byte[7];
            for (int i = 0; i < count; i++)
            {
                LittleEndian.WriteInt32(uid, 0, i);
                directory.Add(KeyedHash.Truncated(key, uid), i + 1, CredentialMethod.Nfc, 0, 0, 0, 0);
                users.Add(i + 1, UserAttribute.Employee).GroupIds = new[] { 1 };
            }
            StoreImage image = CredentialStoreBuilder.Build(directory, users, permissions, new byte[0], out string error)
                ?? throw new InvalidOperationException(error);
            using var stream = new MemoryStream();
            image.WriteTo(stream, 1);
            return stream.ToArray();
        }

        private static byte[] BuildDeltaBody(int credentials)
        {
            var body = new byte[credentials * CredentialStoreFormat.RecordSize];
            new Random(3).NextBytes(body);
            return body;
        }

        /// <summary>What the controller does with each answer: verify the message MAC (one HMAC-SHA256), then parse.</summary>
        private static double DecisionResponseParseMicroseconds()
        {
            var keys = new WireKeys(DeviceKey, new LinkTopics("bench-1"));
            string topic = keys.Topics.DecisionResponse;
            byte[] payload = keys.Seal(topic, new DecisionResponse { RequestId = "q-4294967313", Nonce = 4294967313, Granted = true, Reason = "granted", UnlockMilliseconds = 5000 }.ToJson());
            const int rounds = 200000;
            for (int i = 0; i < 1000; i++) VerifyAndParse(keys, topic, payload);
            var watch = Stopwatch.StartNew();
            for (int i = 0; i < rounds; i++) VerifyAndParse(keys, topic, payload);
            return watch.Elapsed.TotalMilliseconds * 1000.0 / rounds;
        }

        private static bool VerifyAndParse(WireKeys keys, string topic, byte[] payload)
        {
            return keys.Verify(topic, payload, out _) && DecisionResponse.TryParse(payload, out _, out _);
        }

        private static double Percentile(List<double> sorted, double p)
        {
            int index = (int)Math.Ceiling(p * sorted.Count) - 1;
            return sorted[Math.Max(0, Math.Min(sorted.Count - 1, index))];
        }

        private static void TickUntil(LinkController link, Func<bool> done, int timeoutMilliseconds, string what)
        {
            var watch = Stopwatch.StartNew();
            while (!done())
            {
                if (watch.ElapsedMilliseconds > timeoutMilliseconds) throw new TimeoutException("waiting for " + what + ": " + link.LastError);
                link.Tick();
                Thread.Yield();
            }
        }

        /// <summary>Stand-in for the controller's access layer and doors: the delta merge rewrites the store (base + delta).</summary>
        private sealed class BenchAccess : ILocalDecider, IEventSource, ICacheStore, ICommandHandler, INotificationSink
        {
            public int Depth => 0;
            public string Mode => "normal";
            public string DoorState => "closed";
            public string LockState => "locked";
            public string Door2State => null;
            public string Lock2State => null;
            public string Mode2 => null;
            public int DoorId => 0;
            public int Door2Id => 0;

            public LinkDecision DecideLocally(DecisionQuery query) => new LinkDecision(false, "bench", 0);
            public bool TryRead(long afterSequence, out long previous, out long sequence, out string eventJson) { previous = 0; sequence = 0; eventJson = null; return false; }
            public long Acknowledged => 0;
            public void Acknowledge(long upToSequence) { }
            public void ReleaseStore() { }
            public void StoreReplaced(BundleInfo installed) { }
            public bool Execute(CommandMessage command, out string error) { error = null; return true; }
            public void Show(Notification notification) { }

            public IInPlaceInstall InPlace
            {
                get { return null; }
            }

            public bool MergeDelta(Stream installedBody, int installedLength, Stream delta, int deltaLength, byte contentType, Stream output)
            {
                byte[] buffer = new byte[64 * 1024];
                Copy(installedBody, installedLength, output, buffer);
                Copy(delta, deltaLength, output, buffer);
                return true;
            }

            private static void Copy(Stream from, int length, Stream to, byte[] buffer)
            {
                while (length > 0)
                {
                    int n = from.Read(buffer, 0, Math.Min(buffer.Length, length));
                    if (n <= 0) return;
                    to.Write(buffer, 0, n);
                    length -= n;
                }
            }
        }
    }
}

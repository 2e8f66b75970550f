using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Threading;
using DoorController.Contract;
using DoorController.LocalBroker;

namespace DoorController.Bench
{
    /// <summary>
    /// tools/bench network [rounds] [per-round]: what the server's libmosquitto network thread spends on one online
    /// decision, without TLS and the socket — the received topic and payload copied out of native memory as the
    /// transport does, then the bridge's own work (route, MAC, nonce, parse, decision core, row, sealed answer, handed
    /// to the writer) — measured on the calling thread alone: its CPU time (CLOCK_THREAD_CPUTIME_ID) and its managed
    /// allocation per decision. The requests are sealed as a controller seals them (500 controllers, 10 people each,
    /// the online benchmark's site); the group-commit writer commits and publishes beside it, paced so that its queue
    /// stays short, and its CPU is not counted. Several rounds, because the machine is shared.
    /// </summary>
    public static class NetworkBench
    {
        private const int ClockThreadCpuTime = 3; // CLOCK_THREAD_CPUTIME_ID (Linux)
        private const int Chunk = 200;
        private const int Warmup = 3;

        [DllImport("libc", EntryPoint = "clock_gettime")]
        private static extern int ClockGetTime(int clock, out MosquittoLoopNative.TimeSpec time);

        public static string Run(BenchContext ctx)
        {
            int rounds = ctx.Args.Length > 0 && int.TryParse(ctx.Args[0], out int r) && r > 0 ? r : 5;
            int perRound = ctx.Args.Length > 1 && int.TryParse(ctx.Args[1], out int n) && n > 0 ? n : 10000;
            using var broker = MosquittoBroker.Start();
            ctx.Progress("provisioning " + OnlineBench.Controllers + " controllers");
            using var host = BenchSite.Provision(ctx.ScratchDirectory, broker, OnlineBench.Controllers, OnlineBench.UsersPerController, out var site);
            if (!host.Mqtt.WaitConnected(TimeSpan.FromSeconds(15))) throw new InvalidOperationException("server did not connect to mosquitto");
            var controllers = new Controllers(site);

            // Sealed before anything is measured, so that a profile of this thread (perf) shows the server's work only.
            ctx.Progress("sealing " + (Warmup + rounds) * perRound + " requests");
            var batches = new Native[Warmup + rounds][];
            for (int b = 0; b < batches.Length; b++) batches[b] = controllers.Next(perRound);
            ctx.Progress("warm-up (snapshot, JIT to tier 1): " + Warmup + " x " + perRound);
            for (int i = 0; i < Warmup; i++) Round(host, batches[i]);
            var perDecision = new List<(double Micros, double Bytes)>();
            for (int i = 0; i < rounds; i++)
            {
                var (micros, bytes) = Round(host, batches[Warmup + i]);
                perDecision.Add((micros, bytes));
                ctx.Progress("round " + (i + 1) + ": " + micros.ToString("F2") + " µs, " + bytes.ToString("F0") + " B per decision (load " + BenchContext.LoadAverage() + ")");
            }
            long logged = host.Store.Db.QuerySingle("SELECT COUNT(*) AS n FROM access_log WHERE source = 'online'").Long("n");
            if (logged < (long)batches.Length * perRound) throw new InvalidOperationException("only " + logged + " of " + batches.Length * perRound + " decisions were logged");

            perDecision.Sort((a, b) => a.Micros.CompareTo(b.Micros));
            var median = perDecision[perDecision.Count / 2];
            var (codecMicros, codecBytes) = Codec(controllers.Sample());
            ctx.ReportLines.Add("The server's network thread per online decision, TLS and socket aside: the topic and payload copied from native memory as "
                + "the transport does, then route, MAC, nonce, parse, decision core, row and sealed answer, handed to the group-commit writer (which runs "
                + "beside it, not counted). " + rounds + " rounds of " + perRound + " requests sealed as controllers seal them (" + OnlineBench.Controllers
                + " controllers), thread CPU time, load average " + BenchContext.LoadAverage() + ".");
            ctx.ReportLines.Add("");
            ctx.ReportLines.Add("| figure | value |");
            ctx.ReportLines.Add("|---|---|");
            ctx.ReportLines.Add("| CPU per decision, median of the rounds (each round) | " + median.Micros.ToString("F2") + " µs (" + string.Join(", ", perDecision.ConvertAll(p => p.Micros.ToString("F2"))) + ") |");
            ctx.ReportLines.Add("| managed allocation per decision | " + median.Bytes.ToString("F0") + " B |");
            ctx.ReportLines.Add("| of which the contract's JSON alone: request parsed + answer rendered, CPU (best of 5 x " + CodecLoops + ") and allocation | "
                + codecMicros.ToString("F2") + " µs, " + codecBytes.ToString("F0") + " B |");
            return "bench network: us_per_decision=" + median.Micros.ToString("F2") + " bytes_per_decision=" + median.Bytes.ToString("F0")
                + " codec_us=" + codecMicros.ToString("F2") + " codec_bytes=" + codecBytes.ToString("F0") + " rounds=" + rounds + " per_round=" + perRound;
        }

        private const int CodecLoops = 100_000;

        /// <summary>The contract's part of a decision in a tight loop: a sealed request parsed, an answer rendered.</summary>
        private static (double Micros, double Bytes) Codec(byte[] request)
        {
            double best = double.MaxValue;
            long bytes = 0;
            for (int round = 0; round < 5; round++)
            {
                double before = ThreadCpuMicros();
                long allocated = GC.GetAllocatedBytesForCurrentThread();
                for (int i = 0; i < CodecLoops; i++)
                {
                    if (!DecisionRequest.TryParse(request, out DecisionRequest r, out string error)) throw new InvalidOperationException(error);
                    new DecisionResponse { RequestId = r.RequestId, Nonce = r.Nonce, Granted = true, Reason = "granted", UnlockMilliseconds = 5000 }.ToJson();
                }
                bytes = GC.GetAllocatedBytesForCurrentThread() - allocated;
                best = Math.Min(best, (ThreadCpuMicros() - before) / CodecLoops);
            }
            return (best, (double)bytes / CodecLoops);
        }

        /// <summary>One round, paced so that the writer's queue stays under two chunks; only this thread is measured.</summary>
        private static (double Micros, double Bytes) Round(Server.ServerHost host, Native[] messages)
        {
            var writer = host.Mqtt.Writer;
            long rowsAtStart = writer.Rows;
            double cpu = 0;
            long bytes = 0;
            for (int done = 0; done < messages.Length; done += Chunk)
            {
                int end = Math.Min(messages.Length, done + Chunk);
                while (writer.Rows - rowsAtStart < done - Chunk) Thread.Sleep(1);
                double before = ThreadCpuMicros();
                long allocated = GC.GetAllocatedBytesForCurrentThread();
                for (int i = done; i < end; i++) Receive(host.Mqtt, messages[i]);
                bytes += GC.GetAllocatedBytesForCurrentThread() - allocated;
                cpu += ThreadCpuMicros() - before;
            }
            while (writer.Rows - rowsAtStart < messages.Length) Thread.Sleep(1);
            foreach (var m in messages) m.Free();
            return (cpu / messages.Length, (double)bytes / messages.Length);
        }

        /// <summary>What MosquittoTransport's message callback does with a received message, then the bridge.</summary>
        private static void Receive(Hal.IMqttMessageListener listener, Native message)
        {
            string topic = Marshal.PtrToStringUTF8(message.Topic) ?? "";
            byte[] payload = new byte[message.Length];
            Marshal.Copy(message.Payload, payload, 0, message.Length);
            listener.OnMessage(topic, payload);
        }

        private static double ThreadCpuMicros()
        {
            ClockGetTime(ClockThreadCpuTime, out MosquittoLoopNative.TimeSpec t);
            return t.Seconds * 1e6 + t.Nanoseconds / 1e3;
        }

        /// <summary>A received message as libmosquitto holds it: a NUL-terminated topic and the payload, in native memory.</summary>
        private struct Native
        {
            public IntPtr Topic;
            public IntPtr Payload;
            public int Length;

            public static Native Of(string topic, byte[] payload)
            {
                byte[] t = System.Text.Encoding.UTF8.GetBytes(topic + "\0");
                var m = new Native { Topic = Marshal.AllocHGlobal(t.Length), Payload = Marshal.AllocHGlobal(payload.Length), Length = payload.Length };
                Marshal.Copy(t, 0, m.Topic, t.Length);
                Marshal.Copy(payload, 0, m.Payload, payload.Length);
                return m;
            }

            public void Free()
            {
                Marshal.FreeHGlobal(Topic);
                Marshal.FreeHGlobal(Payload);
            }
        }

        /// <summary>The site's controllers in turn, each request sealed with that controller's keys and nonces that only grow.</summary>
        private sealed class Controllers
        {
            private readonly SiteLayout _site;
            private long _sent;

            public Controllers(SiteLayout site)
            {
                _site = site;
            }

            public Native[] Next(int count)
            {
                var messages = new Native[count];
                for (int i = 0; i < count; i++) messages[i] = Next();
                return messages;
            }

            /// <summary>One more sealed request, as bytes.</summary>
            public byte[] Sample()
            {
                var m = Next();
                byte[] payload = new byte[m.Length];
                Marshal.Copy(m.Payload, payload, 0, m.Length);
                m.Free();
                return payload;
            }

            private Native Next()
            {
                long n = ++_sent;
                WireKeys[] keys = _site.Keys;
                int d = (int)(n % keys.Length), u = (int)(n / keys.Length % _site.Hashes[d].Length);
                var request = new DecisionRequest { RequestId = "q-" + n, Nonce = (1L << 32) + n, Reader = _site.Readers[d], CredentialKind = "nfc",
                    CredentialHash = _site.Hashes[d][u], At = DateTimeOffset.UtcNow.ToUnixTimeSeconds() };
                string topic = keys[d].Topics.DecisionRequest;
                return Native.Of(topic, keys[d].Seal(topic, request.ToJson()));
            }
        }
    }
}

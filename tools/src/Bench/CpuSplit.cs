using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace DoorController.Bench
{
    /// <summary>
    /// CPU time by part, read from /proc: the broker process, the load generator process (the simulated controllers),
    /// and the bench process, which holds only the server, by thread name. The parts come in a fixed order
    /// (<see cref="Parts"/>), whatever their values, so a reader of the table finds each part in its place.
    /// </summary>
    public sealed class CpuSplit
    {
        public const string Broker = "mosquitto (broker process)";
        public const string Generator = "load generator process: simulated controllers (TLS, seal, verify; all its threads)";
        public const string ServerNetwork = "server: libmosquitto network thread (Unix socket to the broker: receive, MAC, nonce, decide, seal, send)";
        public const string ServerWriter = "server: group-commit writer (SQLite, fsync, publish answers)";
        public const string ServerCheckpoint = "server: WAL checkpoint thread";
        public const string ServerGc = "server: garbage collector";
        public const string ServerOther = "server: other threads (thread pool, JIT, timers, the bench's own)";

        /// <summary>Every part, in the order the table lists them.</summary>
        public static readonly string[] Parts = { Broker, Generator, ServerNetwork, ServerWriter, ServerCheckpoint, ServerGc, ServerOther };

        private readonly int _brokerPid, _generatorPid;
        private readonly Dictionary<int, (string Name, long Ticks)> _threads;
        private readonly long _broker, _generator;

        private CpuSplit(int brokerPid, int generatorPid)
        {
            _brokerPid = brokerPid;
            _generatorPid = generatorPid;
            _threads = ReadThreads();
            _broker = ProcessTicks(brokerPid);
            _generator = ProcessTicks(generatorPid);
        }

        public static CpuSplit Start(int brokerPid, int generatorPid) => new CpuSplit(brokerPid, generatorPid);

        /// <summary>Microseconds of CPU per unit of work (<paramref name="units"/>) by part since <see cref="Start"/>, in the order of <see cref="Parts"/>.</summary>
        public List<(string Part, double MicrosPerUnit)> PerUnit(long units)
        {
            var ticks = Parts.ToDictionary(p => p, _ => 0L);
            ticks[Broker] = ProcessTicks(_brokerPid) - _broker;
            ticks[Generator] = ProcessTicks(_generatorPid) - _generator;
            foreach (var (tid, (name, now)) in ReadThreads())
            {
                ticks[ServerPart(name)] += now - (_threads.TryGetValue(tid, out var before) ? before.Ticks : 0);
            }
            const double usPerTick = 1e6 / 100; // USER_HZ is 100 on Linux
            return Parts.Select(p => (p, ticks[p] * usPerTick / Math.Max(1, units))).ToList();
        }

        /// <summary>The markdown table of two <see cref="PerUnit"/> results: at the fixed 2,000/s and at saturation (<paramref name="rate"/> decisions a second).</summary>
        public static List<string> Table(List<(string Part, double MicrosPerUnit)> atFixedRate, List<(string Part, double MicrosPerUnit)> atSaturation, double rate)
        {
            var lines = new List<string>
            {
                "CPU time per decision by part, at the fixed 2,000/s and at saturation (/proc: the broker process, the load generator process, and the server's process by thread name; " + Environment.ProcessorCount
                    + " cores = " + (Environment.ProcessorCount * 1e6 / Math.Max(1, rate)).ToString("F0") + " µs per decision at " + rate.ToString("F0") + "/s):",
                "",
                "| part | µs per decision at 2,000/s | at saturation |",
                "|---|---|---|",
            };
            for (int i = 0; i < Parts.Length; i++) lines.Add("| " + Parts[i] + " | " + atFixedRate[i].MicrosPerUnit.ToString("F0") + " | " + atSaturation[i].MicrosPerUnit.ToString("F0") + " |");
            lines.Add("| total | " + atFixedRate.Sum(p => p.MicrosPerUnit).ToString("F0") + " | " + atSaturation.Sum(p => p.MicrosPerUnit).ToString("F0") + " |");
            return lines;
        }

        /// <summary>The part a thread of the server's process belongs to, by the name the runtime, libmosquitto or the server gave it.</summary>
        private static string ServerPart(string thread)
        {
            if (thread == "mosquitto loop") return ServerNetwork; // the server's connection (the bench's idle admin connection to the broker beside it)
            if (thread == "group-commit") return ServerWriter;
            if (thread == "wal-checkpoint") return ServerCheckpoint;
            if (thread.StartsWith(".NET BGC", StringComparison.Ordinal) || thread.StartsWith(".NET Server GC", StringComparison.Ordinal) || thread.StartsWith(".NET GC", StringComparison.Ordinal)) return ServerGc;
            return ServerOther;
        }

        private static Dictionary<int, (string, long)> ReadThreads()
        {
            var threads = new Dictionary<int, (string, long)>();
            foreach (string dir in Directory.GetDirectories("/proc/self/task"))
            {
                try
                {
                    threads[int.Parse(Path.GetFileName(dir))] = Ticks(Path.Combine(dir, "stat"));
                }
                catch (IOException)
                {
                    // The thread ended between the listing and the read: its time is not counted.
                }
            }
            return threads;
        }

        private static long ProcessTicks(int pid) => Ticks("/proc/" + pid + "/stat").Ticks;

        /// <summary>Name and utime + stime of one /proc stat line (the name may hold spaces and parentheses).</summary>
        private static (string Name, long Ticks) Ticks(string statPath)
        {
            string line = File.ReadAllText(statPath);
            int open = line.IndexOf('('), close = line.LastIndexOf(')');
            string[] f = line.Substring(close + 2).Split(' ');
            // After the name: state is field 3, utime field 14 and stime field 15 (1-based in proc(5)).
            return (line.Substring(open + 1, close - open - 1), long.Parse(f[11]) + long.Parse(f[12]));
        }
    }
}

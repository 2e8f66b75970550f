using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace DoorController.Bench
{
    /// <summary>
    /// CPU time by part, read from /proc: the broker process, and the bench process (server and simulated controllers
    /// run in it) by thread name. libmosquitto names every network thread "mosquitto loop": the server's is the one that
    /// ran before the simulated controllers connected (<see cref="MosquittoThreads"/>).
    /// </summary>
    public sealed class CpuSplit
    {
        private static readonly (string Part, Func<string, bool> Owns)[] Parts =
        {
            ("server: group-commit writer (SQLite, fsync, publish answers)", n => n == "group-commit"),
            ("server: WAL checkpoint thread", n => n == "wal-checkpoint"),
            ("garbage collector (both, one process)", n => n.StartsWith(".NET BGC", StringComparison.Ordinal) || n.StartsWith(".NET Server GC", StringComparison.Ordinal) || n.StartsWith(".NET GC", StringComparison.Ordinal)),
            ("load: simulated controllers (senders, their libmosquitto threads)", n => n == "bench" || n == "dotnet" || n.StartsWith("bench-", StringComparison.Ordinal) || n == LoopThread),
        };
        private const string LoopThread = "mosquitto loop";
        private const string ServerLoop = "server: libmosquitto network thread (Unix socket to the broker: receive, MAC, nonce, decide, seal, send)";
        private const string Other = "other threads of the bench process (thread pool, JIT, timers)";
        private readonly int _brokerPid;
        private readonly ISet<int> _serverLoops;
        private readonly Dictionary<int, (string Name, long Ticks)> _threads;
        private readonly long _broker;

        private CpuSplit(int brokerPid, ISet<int> serverLoops)
        {
            _brokerPid = brokerPid;
            _serverLoops = serverLoops;
            _threads = ReadThreads();
            _broker = Ticks("/proc/" + brokerPid + "/stat").Ticks;
        }

        /// <param name="serverLoops">The server's libmosquitto threads (<see cref="MosquittoThreads"/> before any client connected).</param>
        public static CpuSplit Start(int brokerPid, ISet<int> serverLoops) => new CpuSplit(brokerPid, serverLoops);

        /// <summary>The process's libmosquitto network threads now.</summary>
        public static ISet<int> MosquittoThreads() => ReadThreads().Where(t => t.Value.Item1 == LoopThread).Select(t => t.Key).ToHashSet();

        /// <summary>Microseconds of CPU per unit of work (<paramref name="units"/>) by part since <see cref="Start"/>, largest first, broker first.</summary>
        public List<(string Part, double MicrosPerUnit)> PerUnit(long units)
        {
            double usPerTick = 1e6 / 100; // USER_HZ is 100 on Linux
            var now = ReadThreads();
            var byPart = new Dictionary<string, long>();
            foreach (var (tid, (name, ticks)) in now)
            {
                long before = _threads.TryGetValue(tid, out var b) ? b.Ticks : 0;
                string part = _serverLoops.Contains(tid) ? ServerLoop : Parts.FirstOrDefault(p => p.Owns(name)).Part ?? Other;
                byPart[part] = byPart.GetValueOrDefault(part) + ticks - before;
            }
            var result = new List<(string, double)> { ("mosquitto (broker process)", (Ticks("/proc/" + _brokerPid + "/stat").Ticks - _broker) * usPerTick / Math.Max(1, units)) };
            result.AddRange(byPart.OrderByDescending(kv => kv.Value).Select(kv => (kv.Key, kv.Value * usPerTick / Math.Max(1, units))));
            return result;
        }

        /// <summary>The markdown table of <see cref="PerUnit"/>'s result at <paramref name="rate"/> decisions a second.</summary>
        public static List<string> Table(List<(string Part, double MicrosPerUnit)> split, double rate)
        {
            var lines = new List<string>
            {
                "CPU time per decision at saturation, by part (/proc: the broker process, and the bench process's threads by name; " + Environment.ProcessorCount
                    + " cores = " + (Environment.ProcessorCount * 1e6 / Math.Max(1, rate)).ToString("F0") + " µs per decision at " + rate.ToString("F0") + "/s):",
                "",
                "| part | µs per decision |",
                "|---|---|",
            };
            foreach (var (part, us) in split) lines.Add("| " + part + " | " + us.ToString("F0") + " |");
            lines.Add("| total | " + split.Sum(p => p.MicrosPerUnit).ToString("F0") + " |");
            return lines;
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

using System;
using System.Collections.Generic;
using System.IO;

namespace DoorController.Bench
{
    /// <summary>What a benchmark gets: the repository root, a scratch directory, its arguments and a progress sink.</summary>
    public sealed class BenchContext
    {
        /// <summary>The machine's one-minute load average (/proc/loadavg), which every timed figure is read against.</summary>
        public static string LoadAverage()
        {
            try { return System.IO.File.ReadAllText("/proc/loadavg").Split(' ')[0]; } catch (System.IO.IOException) { return "?"; }
        }

        public BenchContext(string repoRoot, string scratchDirectory, string[] args)
        {
            RepoRoot = repoRoot;
            ScratchDirectory = scratchDirectory;
            Args = args;
        }

        public string RepoRoot { get; }
        public string ScratchDirectory { get; }
        public string[] Args { get; }

        /// <summary>Lines for the benchmark's section in docs/benchmarks.md (markdown).</summary>
        public List<string> ReportLines { get; } = new List<string>();

        public void Progress(string message) => Console.Error.WriteLine("  .. " + message);
    }
}

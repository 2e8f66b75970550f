using System;
using System.Collections.Generic;
using System.IO;

namespace DoorController.Bench
{
    /// <summary>What a benchmark gets: the repository root, a scratch directory, its arguments and a progress sink.</summary>
    public sealed class BenchContext
    {
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

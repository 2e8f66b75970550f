using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;

namespace DoorController.Bench
{
    /// <summary>
    /// Runs the benchmark named on the command line (class NAMEBench, static string Run(BenchContext)),
    /// prints its summary line "bench NAME: metric=value ..." last, and rewrites that benchmark's section
    /// of docs/benchmarks.md with the figures, the command and the machine.
    /// </summary>
    public static class Program
    {
        public static int Main(string[] args)
        {
            if (args.Length == 2 && args[0] == LoadGenerator.Role) return LoadGenerator.Serve(args[1]);
            string root = FindRepoRoot();
            var benches = typeof(Program).Assembly.GetTypes()
                .Where(t => t.Name.EndsWith("Bench", StringComparison.Ordinal) && t.GetMethod("Run", BindingFlags.Public | BindingFlags.Static) != null)
                .ToDictionary(t => t.Name.Substring(0, t.Name.Length - 5).ToLowerInvariant(), t => t);
            if (args.Length == 0 || !benches.ContainsKey(args[0].ToLowerInvariant()))
            {
                Console.Error.WriteLine("usage: tools/bench NAME [args]   where NAME is one of: " + string.Join(", ", benches.Keys.OrderBy(k => k)));
                return 2;
            }
            string name = args[0].ToLowerInvariant();
            string scratch = Path.Combine(Path.GetTempPath(), "doorctl-bench-" + name + "-" + Environment.ProcessId);
            Directory.CreateDirectory(scratch);
            var ctx = new BenchContext(root, scratch, args.Skip(1).ToArray());
            try
            {
                string summary = (string)benches[name].GetMethod("Run").Invoke(null, new object[] { ctx });
                WriteReport(root, name, summary, ctx);
                Console.WriteLine(summary);
                return 0;
            }
            catch (TargetInvocationException e)
            {
                Console.Error.WriteLine("bench " + name + " failed: " + e.InnerException);
                return 1;
            }
            finally
            {
                try { Directory.Delete(scratch, true); } catch (IOException) { }
            }
        }

        private static string FindRepoRoot()
        {
            string dir = AppContext.BaseDirectory;
            while (dir != null && !File.Exists(Path.Combine(dir, "nf.proj")) && !Directory.Exists(Path.Combine(dir, "firmware")))
            {
                dir = Path.GetDirectoryName(dir);
            }
            return dir ?? Directory.GetCurrentDirectory();
        }

        public static string MachineDescription()
        {
            string cpu = "unknown CPU";
            try
            {
                string line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
                if (line != null) cpu = line.Substring(line.IndexOf(':') + 1).Trim();
            }
            catch (IOException) { }
            return cpu + ", " + Environment.ProcessorCount + " cores, " + System.Runtime.InteropServices.RuntimeInformation.OSDescription
                + ", .NET " + Environment.Version;
        }

        private static void WriteReport(string root, string name, string summary, BenchContext ctx)
        {
            string path = Path.Combine(root, "docs", "benchmarks.md");
            string begin = "<!-- bench:" + name + " -->", end = "<!-- /bench:" + name + " -->";
            var section = new StringBuilder();
            section.AppendLine(begin);
            section.AppendLine("### " + name);
            section.AppendLine();
            section.AppendLine("Command: `tools/bench " + name + "` · run " + DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm") + " UTC · " + MachineDescription());
            section.AppendLine();
            foreach (string line in ctx.ReportLines) section.AppendLine(line);
            if (ctx.ReportLines.Count > 0) section.AppendLine();
            section.AppendLine("```");
            section.AppendLine(summary);
            section.AppendLine("```");
            section.Append(end);

            string text = File.Exists(path) ? File.ReadAllText(path) : "# Benchmarks\n\nEach section is rewritten by `tools/bench NAME`; `tools/bench` alone runs them all.\n";
            int a = text.IndexOf(begin, StringComparison.Ordinal), b = text.IndexOf(end, StringComparison.Ordinal);
            text = a >= 0 && b > a ? text.Substring(0, a) + section + text.Substring(b + end.Length) : text.TrimEnd() + "\n\n" + section + "\n";
            File.WriteAllText(path, text);
        }
    }
}

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace DoorController.NfCheck
{
    /// <summary>
    /// The device proof: compiles every device-portable source against the nanoFramework 1.x surface only, then
    /// scans for constructs that compile but nanoCLR 1.x cannot run. Callable in-process (tests) or from Program.
    /// </summary>
    public static class Checker
    {
        /// <summary>Directories (relative to the root) whose sources must run on the device.</summary>
        public static readonly string[] DeviceDirectories = { "firmware", "hal/abstractions", "hal/esp32", "tests/portable" };

        /// <summary>The symbol the real nanoFramework project system defines, so `#if` blocks match the device build.</summary>
        public static readonly string[] DeviceSymbols = { "NANOFRAMEWORK_1_0" };

        public static CheckResult Check(string root)
        {
            System.Diagnostics.Stopwatch clock = System.Diagnostics.Stopwatch.StartNew();
            bool timing = Environment.GetEnvironmentVariable("NFCHECK_TIMING") == "1";
            MetadataReference surface = SurfaceAssembly.Reference;
            if (timing) Console.Error.WriteLine($"nfcheck: surface {clock.ElapsedMilliseconds} ms");
            string fullRoot = Path.GetFullPath(root);
            List<string> files = DeviceSources(fullRoot);
            CSharpParseOptions parse = new CSharpParseOptions(LanguageVersion.Latest, preprocessorSymbols: DeviceSymbols);
            List<SyntaxTree> trees = new List<SyntaxTree>();
            foreach (string file in files)
            {
                string text = File.ReadAllText(file);
                trees.Add(CSharpSyntaxTree.ParseText(text, parse, Relative(fullRoot, file)));
            }
            CSharpCompilationOptions options = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary)
                .WithNullableContextOptions(NullableContextOptions.Disable)
                .WithAllowUnsafe(true); // so unsafe code is reported once, by the scan, with a clear message
            CSharpCompilation compilation = CSharpCompilation.Create("DeviceProof", trees, new[] { surface }, options);

            HashSet<Violation> found = new HashSet<Violation>();
            // Emit, not just GetDiagnostics: members the compiler needs while lowering (String.Concat for `+`,
            // Monitor for `lock`, IDisposable for `using`...) are only checked when code is generated.
            using MemoryStream image = new MemoryStream();
            foreach (Diagnostic diagnostic in compilation.Emit(image).Diagnostics)
            {
                if (diagnostic.Severity != DiagnosticSeverity.Error)
                {
                    continue;
                }
                found.Add(ToViolation(diagnostic.Location, diagnostic.Id, diagnostic.GetMessage()));
            }
            if (timing) Console.Error.WriteLine($"nfcheck: compile+emit {clock.ElapsedMilliseconds} ms");
            // One semantic model per file; files are independent, so scan them in parallel.
            IReadOnlyList<Violation>[] perTree = new IReadOnlyList<Violation>[trees.Count];
            System.Threading.Tasks.Parallel.For(0, trees.Count, i =>
            {
                ConstructScanner scanner = new ConstructScanner(compilation.GetSemanticModel(trees[i]));
                scanner.Visit(trees[i].GetRoot());
                perTree[i] = scanner.Violations;
            });
            foreach (Violation violation in perTree.SelectMany(v => v))
            {
                found.Add(violation);
            }
            if (timing) Console.Error.WriteLine($"nfcheck: construct scan {clock.ElapsedMilliseconds} ms");
            List<Violation> sorted = found
                .OrderBy(v => v.Path, StringComparer.Ordinal).ThenBy(v => v.Line).ThenBy(v => v.Column).ThenBy(v => v.Code, StringComparer.Ordinal)
                .ToList();
            return new CheckResult(files.Count, sorted);
        }

        internal static Violation ToViolation(Location location, string code, string message)
        {
            if (location == null || !location.IsInSource)
            {
                return new Violation("(project)", 0, 0, code, message);
            }
            FileLinePositionSpan span = location.GetLineSpan();
            return new Violation(span.Path, span.StartLinePosition.Line + 1, span.StartLinePosition.Character + 1, code, message);
        }

        /// <summary>Every *.cs under the device directories, skipping build output, in a stable order.</summary>
        public static List<string> DeviceSources(string root)
        {
            List<string> files = new List<string>();
            foreach (string dir in DeviceDirectories)
            {
                string full = Path.Combine(root, dir);
                if (!Directory.Exists(full))
                {
                    continue;
                }
                foreach (string file in Directory.EnumerateFiles(full, "*.cs", SearchOption.AllDirectories))
                {
                    string rel = Relative(root, file);
                    if (rel.Split('/').Any(part => part == "bin" || part == "obj"))
                    {
                        continue;
                    }
                    files.Add(file);
                }
            }
            files.Sort(StringComparer.Ordinal);
            return files;
        }

        /// <summary>Walks up from <paramref name="start"/> to the directory holding nf.proj or firmware/; null if none.</summary>
        public static string FindRepoRoot(string start)
        {
            for (DirectoryInfo dir = new DirectoryInfo(start); dir != null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "nf.proj")) || Directory.Exists(Path.Combine(dir.FullName, "firmware")))
                {
                    return dir.FullName;
                }
            }
            return null;
        }

        private static string Relative(string root, string file) => Path.GetRelativePath(root, file).Replace('\\', '/');
    }
}

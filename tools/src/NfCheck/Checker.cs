using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace DoorController.NfCheck
{
    /// <summary>
    /// The device proof. Compiles each nanoFramework project (.nfproj) separately, in reference order, against only
    /// what it declares - its ProjectReferences and its package References (the real mscorlib and the package
    /// surfaces) - then checks its references (<see cref="ReferenceRules"/>), scans its sources for constructs that
    /// compile but nanoCLR 1.x cannot run (<see cref="ConstructScanner"/>) and estimates its size against the
    /// budget (<see cref="SizeCalibration"/>). Callable in-process (tests) or from Program.
    /// </summary>
    public static class Checker
    {
        /// <summary>Directories (relative to the root) whose sources must run on the device.</summary>
        public static readonly string[] DeviceDirectories = { "firmware", "hal/abstractions", "hal/esp32", "tests/portable" };

        /// <summary>The symbols the device projects define, so `#if` blocks match the device build.</summary>
        public static readonly string[] DeviceSymbols = { "NANOFRAMEWORK_1_0", "DEVICE_ESP32" };

        /// <summary>Compiles and checks every project under <paramref name="root"/>; writes each assembly to <paramref name="emitTo"/> when given.</summary>
        public static CheckResult Check(string root, string emitTo = null)
        {
            string fullRoot = Path.GetFullPath(root);
            ReferenceRules rules = new ReferenceRules(ReferenceAssemblies.Manifest, PackagesConfig.Load(fullRoot));
            ProjectGraph graph = ProjectGraph.Load(fullRoot);
            HashSet<Violation> found = new HashSet<Violation>(graph.Problems);
            List<string> files = DeviceSources(fullRoot);
            found.UnionWith(Ownership(fullRoot, files, graph));
            if (!PackagesConfig.Load(fullRoot).Exists && graph.Ordered.Count > 0)
            {
                found.Add(new Violation("packages.config", 0, 0, "NF022", "no packages.config at the root: the package references cannot be checked against pinned versions"));
            }

            Dictionary<string, DeviceProject> byPath = graph.Ordered.ToDictionary(p => p.Path, StringComparer.Ordinal);
            Dictionary<string, CSharpCompilation> built = new Dictionary<string, CSharpCompilation>(StringComparer.Ordinal);
            Dictionary<string, HashSet<string>> namespaces = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
            List<AssemblySize> sizes = new List<AssemblySize>();
            foreach (DeviceProject project in graph.Ordered)
            {
                if (!LanguageVersionFacts.TryParse(project.LangVersion, out LanguageVersion language))
                {
                    found.Add(new Violation(project.Path, 0, 0, "NF022", project.Name + " sets LangVersion '" + project.LangVersion + "', which the C# compiler does not know"));
                    continue;
                }
                CSharpParseOptions parse = new CSharpParseOptions(language, preprocessorSymbols: DeviceSymbols);
                found.UnionWith(rules.CheckPackageReferences(project));
                found.UnionWith(rules.CheckClosure(project, byPath));
                List<SyntaxTree> trees = project.Sources.Where(s => File.Exists(Path.Combine(fullRoot, s)))
                    .Select(s => CSharpSyntaxTree.ParseText(File.ReadAllText(Path.Combine(fullRoot, s)), parse, s)).ToList();
                List<MetadataReference> references = new List<MetadataReference>();
                HashSet<string> available = new HashSet<string>(StringComparer.Ordinal);
                foreach (ProjectItem item in project.PackageReferences)
                {
                    MetadataReference reference = ReferenceAssemblies.Reference(item.Value);
                    if (reference != null)
                    {
                        references.Add(reference);
                        available.UnionWith(ReferenceAssemblies.Namespaces[item.Value]);
                    }
                }
                foreach (ProjectItem item in project.ProjectReferences)
                {
                    references.Add(built[item.Value].ToMetadataReference());
                    available.UnionWith(namespaces[item.Value]);
                }
                CSharpCompilation compilation = Compile(project, trees, references);
                built[project.Path] = compilation;
                namespaces[project.Path] = DeclaredNamespaces(compilation);
                available.UnionWith(namespaces[project.Path]);
                found.UnionWith(rules.CheckUsings(project, trees, available, OtherProjects(project, byPath, namespaces)));

                // Emit, not just GetDiagnostics: members the compiler needs while lowering (String.Concat for `+`,
                // Monitor for `lock`, IDisposable for `using`...) are only checked when code is generated.
                using MemoryStream image = new MemoryStream();
                var emitted = compilation.Emit(image);
                found.UnionWith(emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => ToViolation(d.Location, d.Id, d.GetMessage(), project)));
                found.UnionWith(Scan(compilation, trees));
                if (emitted.Success)
                {
                    AssemblySize size = SizeCalibration.Estimate(project.Name, project.Path, IlMeasure.Read(image.ToArray()));
                    sizes.Add(size);
                    found.UnionWith(Budget(size));
                    if (emitTo != null)
                    {
                        string dir = Path.Combine(emitTo, project.Name);
                        Directory.CreateDirectory(dir);
                        File.WriteAllBytes(Path.Combine(dir, project.AssemblyName + (project.Executable ? ".exe" : ".dll")), image.ToArray());
                    }
                }
            }
            List<Violation> sorted = found
                .OrderBy(v => v.Path, StringComparer.Ordinal).ThenBy(v => v.Line).ThenBy(v => v.Column).ThenBy(v => v.Code, StringComparer.Ordinal).ThenBy(v => v.Message, StringComparer.Ordinal)
                .ToList();
            return new CheckResult(files.Count, sizes, sorted);
        }

        private static CSharpCompilation Compile(DeviceProject project, List<SyntaxTree> trees, List<MetadataReference> references)
        {
            CSharpCompilationOptions options = new CSharpCompilationOptions(project.Executable ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary)
                .WithOptimizationLevel(OptimizationLevel.Release) // the build that is deployed; SizeCalibration is fitted to it
                .WithNullableContextOptions(NullableContextOptions.Disable)
                .WithAllowUnsafe(true); // so unsafe code is reported once, by the scan, with a clear message
            return CSharpCompilation.Create(project.AssemblyName, trees, references, options);
        }

        /// <summary>One semantic model per file; files are independent, so they are scanned in parallel.</summary>
        private static IEnumerable<Violation> Scan(CSharpCompilation compilation, List<SyntaxTree> trees)
        {
            IReadOnlyList<Violation>[] perTree = new IReadOnlyList<Violation>[trees.Count];
            System.Threading.Tasks.Parallel.For(0, trees.Count, i =>
            {
                ConstructScanner scanner = new ConstructScanner(compilation.GetSemanticModel(trees[i]));
                scanner.Visit(trees[i].GetRoot());
                perTree[i] = scanner.Violations;
            });
            return perTree.SelectMany(v => v);
        }

        private static IEnumerable<Violation> Budget(AssemblySize size)
        {
            if (size.ByteCode > SizeCalibration.ByteCodeBudget)
            {
                yield return new Violation(size.Project, 0, 0, "NF025", $"assembly {size.Name}: estimated byte code {size.ByteCode} bytes is over the budget of {SizeCalibration.ByteCodeBudget} bytes (48 KiB, 75 % of nanoCLR's 64 KiB limit per assembly); move code into another assembly");
            }
            if (size.Strings > SizeCalibration.StringsBudget)
            {
                yield return new Violation(size.Project, 0, 0, "NF025", $"assembly {size.Name}: estimated string table {size.Strings} bytes is over the budget of {SizeCalibration.StringsBudget} bytes (48 KiB, 75 % of nanoCLR's 64 KiB limit per assembly); move code into another assembly");
            }
        }

        /// <summary>NF026: every device source belongs to exactly one project, and every listed source exists.</summary>
        private static IEnumerable<Violation> Ownership(string root, List<string> files, ProjectGraph graph)
        {
            Dictionary<string, List<string>> owners = new Dictionary<string, List<string>>(StringComparer.Ordinal);
            foreach (DeviceProject project in graph.Ordered)
            {
                foreach (string source in project.Sources)
                {
                    if (!File.Exists(Path.Combine(root, source)))
                    {
                        yield return new Violation(project.Path, 0, 0, "NF026", project.Name + " lists " + source + ", which does not exist (run tools/lib/update-nfproj.sh)");
                    }
                    if (!owners.TryGetValue(source, out List<string> list))
                    {
                        owners[source] = list = new List<string>();
                    }
                    list.Add(project.Name);
                }
            }
            foreach (string file in files.Select(f => Relative(root, f)))
            {
                if (!owners.TryGetValue(file, out List<string> list))
                {
                    if (graph.Problems.Count == 0)
                    {
                        yield return new Violation(file, 0, 0, "NF026", "device source in no .nfproj, so nothing proves it runs on the device (run tools/lib/update-nfproj.sh)");
                    }
                }
                else if (list.Count > 1)
                {
                    yield return new Violation(file, 0, 0, "NF026", "device source listed by several projects: " + string.Join(", ", list));
                }
            }
        }

        /// <summary>Namespaces of every project but this one, by project name (for NF021's message).</summary>
        private static Dictionary<string, HashSet<string>> OtherProjects(DeviceProject project, Dictionary<string, DeviceProject> byPath, Dictionary<string, HashSet<string>> namespaces) =>
            namespaces.Where(n => n.Key != project.Path && !project.ProjectReferences.Any(r => r.Value == n.Key))
                .ToDictionary(n => byPath[n.Key].Name, n => n.Value, StringComparer.Ordinal);

        private static HashSet<string> DeclaredNamespaces(CSharpCompilation compilation)
        {
            HashSet<string> found = new HashSet<string>(StringComparer.Ordinal);
            Stack<INamespaceSymbol> todo = new Stack<INamespaceSymbol>();
            todo.Push(compilation.Assembly.GlobalNamespace);
            while (todo.Count > 0)
            {
                INamespaceSymbol ns = todo.Pop();
                if (ns.GetTypeMembers().Length > 0)
                {
                    found.Add(ns.ToDisplayString());
                }
                foreach (INamespaceSymbol child in ns.GetNamespaceMembers())
                {
                    todo.Push(child);
                }
            }
            return found;
        }

        internal static Violation ToViolation(Location location, string code, string message, DeviceProject project = null)
        {
            if (location == null || !location.IsInSource)
            {
                return new Violation(project?.Path ?? "(project)", 0, 0, code, message);
            }
            FileLinePositionSpan span = location.GetLineSpan();
            return new Violation(span.Path, span.StartLinePosition.Line + 1, span.StartLinePosition.Character + 1, code, message);
        }

        /// <summary>Every *.cs under the device directories, skipping build output, in a stable order.</summary>
        public static List<string> DeviceSources(string root) => DeviceFiles(root, "*.cs");

        /// <summary>Full paths of the files matching <paramref name="pattern"/> under the device directories, without bin/ and obj/, sorted.</summary>
        public static List<string> DeviceFiles(string root, string pattern)
        {
            List<string> files = new List<string>();
            foreach (string dir in DeviceDirectories.Select(d => Path.Combine(root, d)).Where(Directory.Exists))
            {
                files.AddRange(Directory.EnumerateFiles(dir, pattern, SearchOption.AllDirectories)
                    .Where(file => !Relative(root, file).Split('/').Any(part => part == "bin" || part == "obj")));
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

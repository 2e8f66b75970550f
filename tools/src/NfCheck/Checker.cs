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

        /// <summary>A Debug build (NFProjectSystem.Default.props): the device symbols, DEBUG and TRACE.</summary>
        private static readonly string[] DebugSymbols = DeviceSymbols.Concat(new[] { "DEBUG", "TRACE" }).ToArray();

        /// <summary>
        /// The C# version every device project sets (&lt;LangVersion&gt;, NF028). Explicit, because the default differs
        /// between builds: MSBuild gives 7.3 to a project whose target is not .NET Core, other builds their compiler's
        /// newest. 9: nanoFramework's own libraries use it (Iot.Device.* set it) and, built as C# 9, reproduce the method
        /// order of nanoCLR's native tables; C# 11 and later embed attribute types that shift method indices, and
        /// nanoCLR then calls the wrong native method. tools/lib/update-nfproj.sh writes the same value.
        /// </summary>
        public const LanguageVersion DeviceLanguage = LanguageVersion.CSharp9;

        /// <summary>How <see cref="DeviceLanguage"/> is written in a project.</summary>
        public const string DeviceLangVersion = "9.0";

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
            Dictionary<string, CSharpCompilation> builtDebug = new Dictionary<string, CSharpCompilation>(StringComparer.Ordinal);
            Dictionary<string, HashSet<string>> namespaces = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
            List<AssemblySize> sizes = new List<AssemblySize>();
            foreach (DeviceProject project in graph.Ordered)
            {
                if (!LanguageVersionOf(project, found, out LanguageVersion language))
                {
                    continue;
                }
                found.UnionWith(rules.CheckPackageReferences(project));
                found.UnionWith(rules.CheckClosure(project, byPath));
                HashSet<string> available = new HashSet<string>(StringComparer.Ordinal);
                foreach (ProjectItem item in project.PackageReferences.Where(i => ReferenceAssemblies.Reference(i.Value) != null))
                {
                    available.UnionWith(ReferenceAssemblies.Namespaces[item.Value]);
                }
                foreach (ProjectItem item in project.ProjectReferences)
                {
                    available.UnionWith(namespaces[item.Value]);
                }
                List<SyntaxTree> trees = Parse(fullRoot, project, language, DeviceSymbols);
                CSharpCompilation compilation = Compile(project, trees, References(project, built), OptimizationLevel.Release);
                built[project.Path] = compilation;
                namespaces[project.Path] = DeclaredNamespaces(compilation);
                available.UnionWith(namespaces[project.Path]);
                found.UnionWith(rules.CheckUsings(project, trees, available, OtherProjects(project, byPath, namespaces)));
                found.UnionWith(Scan(compilation, trees));
                byte[] release = Emit(compilation, project, found);

                // The Debug build is what Visual Studio deploys by default: unoptimised IL, about a quarter larger.
                CSharpCompilation debugCompilation = Compile(project, Parse(fullRoot, project, language, DebugSymbols), References(project, builtDebug), OptimizationLevel.Debug);
                builtDebug[project.Path] = debugCompilation;
                byte[] debug = Emit(debugCompilation, project, found);
                if (release != null && debug != null)
                {
                    AssemblySize size = SizeCalibration.Estimate(project.Name, project.Path, IlMeasure.Read(release), IlMeasure.Read(debug));
                    sizes.Add(size);
                    found.UnionWith(Budget(size));
                    if (emitTo != null)
                    {
                        Write(emitTo, "Release", project, release);
                        Write(emitTo, "Debug", project, debug);
                    }
                }
            }
            List<Violation> sorted = found
                .OrderBy(v => v.Path, StringComparer.Ordinal).ThenBy(v => v.Line).ThenBy(v => v.Column).ThenBy(v => v.Code, StringComparer.Ordinal).ThenBy(v => v.Message, StringComparer.Ordinal)
                .ToList();
            return new CheckResult(files.Count, sizes, sorted);
        }

        /// <summary>
        /// NF028: the project must set &lt;LangVersion&gt; to <see cref="DeviceLangVersion"/>. A project that sets none is
        /// compiled as the device version, one that sets another is compiled as it says (its errors are real there too);
        /// false only when the compiler does not know the version at all.
        /// </summary>
        private static bool LanguageVersionOf(DeviceProject project, HashSet<Violation> found, out LanguageVersion language)
        {
            const string Fix = " (run tools/lib/update-nfproj.sh): without it the C# version depends on the build, and C# 11 or later"
                + " makes Roslyn embed attribute types that shift nanoCLR's native method indices; tools/src/NfCheck/README.md";
            if (project.LangVersion == null)
            {
                found.Add(new Violation(project.Path, 0, 0, "NF028", project.Name + " sets no <LangVersion>; device projects set " + DeviceLangVersion + Fix));
                language = DeviceLanguage;
                return true;
            }
            if (!LanguageVersionFacts.TryParse(project.LangVersion, out language))
            {
                found.Add(new Violation(project.Path, 0, 0, "NF028", project.Name + " sets LangVersion '" + project.LangVersion + "', which the C# compiler does not know; device projects set " + DeviceLangVersion + Fix));
                return false;
            }
            if (language.MapSpecifiedToEffectiveVersion() != DeviceLanguage)
            {
                found.Add(new Violation(project.Path, 0, 0, "NF028", project.Name + " sets LangVersion " + project.LangVersion + "; device projects set " + DeviceLangVersion + Fix));
            }
            return true;
        }

        private static List<SyntaxTree> Parse(string root, DeviceProject project, LanguageVersion language, string[] symbols)
        {
            CSharpParseOptions parse = new CSharpParseOptions(language, preprocessorSymbols: symbols);
            return project.Sources.Where(s => File.Exists(Path.Combine(root, s)))
                .Select(s => CSharpSyntaxTree.ParseText(File.ReadAllText(Path.Combine(root, s)), parse, s)).ToList();
        }

        /// <summary>The package surfaces the project references and the projects it references, as compiled for the same build.</summary>
        private static List<MetadataReference> References(DeviceProject project, Dictionary<string, CSharpCompilation> built)
        {
            List<MetadataReference> references = project.PackageReferences.Select(i => ReferenceAssemblies.Reference(i.Value)).Where(r => r != null).ToList();
            references.AddRange(project.ProjectReferences.Select(i => built[i.Value].ToMetadataReference()));
            return references;
        }

        private static CSharpCompilation Compile(DeviceProject project, List<SyntaxTree> trees, List<MetadataReference> references, OptimizationLevel optimization)
        {
            CSharpCompilationOptions options = new CSharpCompilationOptions(project.Executable ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary)
                .WithOptimizationLevel(optimization) // as NFProjectSystem: Release /optimize+, Debug /optimize-
                .WithNullableContextOptions(NullableContextOptions.Disable)
                .WithAllowUnsafe(true); // so unsafe code is reported once, by the scan, with a clear message
            return CSharpCompilation.Create(project.AssemblyName, trees, references, options);
        }

        /// <summary>
        /// Emits the assembly (not just GetDiagnostics: members the compiler needs while lowering - String.Concat for
        /// `+`, Monitor for `lock`, IDisposable for `using` - are only checked when code is generated); adds its errors
        /// to <paramref name="found"/> and returns the image, or null when it failed.
        /// </summary>
        private static byte[] Emit(CSharpCompilation compilation, DeviceProject project, HashSet<Violation> found)
        {
            using MemoryStream image = new MemoryStream();
            var emitted = compilation.Emit(image);
            found.UnionWith(emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => ToViolation(d.Location, d.Id, d.GetMessage(), project)));
            return emitted.Success ? image.ToArray() : null;
        }

        private static void Write(string emitTo, string configuration, DeviceProject project, byte[] image)
        {
            string dir = Path.Combine(emitTo, configuration, project.Name);
            Directory.CreateDirectory(dir);
            File.WriteAllBytes(Path.Combine(dir, project.AssemblyName + (project.Executable ? ".exe" : ".dll")), image);
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

        /// <summary>NF025: the larger of the Release and Debug figures over the budget (Visual Studio deploys Debug by default).</summary>
        private static IEnumerable<Violation> Budget(AssemblySize size)
        {
            const string Limit = " (48 KiB, 75 % of nanoCLR's 64 KiB limit per assembly); move code into another assembly";
            if (size.ByteCode > SizeCalibration.ByteCodeBudget)
            {
                yield return new Violation(size.Project, 0, 0, "NF025", $"assembly {size.Name}: estimated byte code {Builds(size.ReleaseByteCode, size.DebugByteCode)} is over the budget of {SizeCalibration.ByteCodeBudget} bytes{Limit}");
            }
            if (size.Strings > SizeCalibration.StringsBudget)
            {
                yield return new Violation(size.Project, 0, 0, "NF025", $"assembly {size.Name}: estimated string table {Builds(size.ReleaseStrings, size.DebugStrings)} is over the budget of {SizeCalibration.StringsBudget} bytes{Limit}");
            }
        }

        private static string Builds(int release, int debug) =>
            debug > release ? $"{debug} bytes in the Debug build ({release} in Release)" : $"{release} bytes in the Release build ({debug} in Debug)";

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

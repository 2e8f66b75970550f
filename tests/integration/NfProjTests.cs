using System.Xml.Linq;
using DoorController.NfCheck;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Xunit;

using DoorController.TestSupport;

namespace DoorController.Integration;

/// <summary>
/// The nanoFramework projects (one .nfproj per device assembly, listed by nf.proj) name their sources explicitly. A
/// project compiles every .cs under its own folder except folders holding a project of their own. These tests fail
/// when a list is missing a file or names one that no longer exists (fix: tools/lib/update-nfproj.sh), when a device
/// source belongs to no project, when nf.proj misses a project, when the project references form a cycle, when a
/// reference is not a pinned package's real file or leaves out part of the closure, when packages.config pins
/// versions that do not satisfy each other, and when a using names a namespace the project does not reference.
/// </summary>
public class NfProjTests
{
    /// <summary>Where device sources and their projects live; everything below must belong to exactly one project.</summary>
    private static readonly string[] DeviceFolders = { "firmware", "hal/abstractions", "hal/esp32", "tests/portable" };

    public static IEnumerable<object[]> Projects() => AllProjects().Select(p => new object[] { p });

    [Theory]
    [MemberData(nameof(Projects))]
    public void Project_Lists_Exactly_The_Sources_Of_Its_Folder(string project)
    {
        var listed = ListedFiles(project);
        var expected = OwnSources(project);
        var missing = expected.Except(listed).OrderBy(f => f).ToList();
        var stale = listed.Except(expected).OrderBy(f => f).ToList();
        Assert.True(missing.Count == 0 && stale.Count == 0,
            project + " is out of date (run tools/lib/update-nfproj.sh).\n  missing: " + string.Join(", ", missing) + "\n  listed but not a source of its folder: " + string.Join(", ", stale));
    }

    [Fact]
    public void Every_Device_Source_Belongs_To_Exactly_One_Project()
    {
        var owners = new Dictionary<string, List<string>>();
        foreach (string project in AllProjects())
        {
            foreach (string file in ListedFiles(project))
            {
                if (!owners.TryGetValue(file, out var list)) owners[file] = list = new List<string>();
                list.Add(project);
            }
        }
        var sources = DeviceFolders.SelectMany(d => Sources(RepoPaths.Combine(d))).ToList();
        var orphans = sources.Where(f => !owners.ContainsKey(f)).OrderBy(f => f).ToList();
        var shared = owners.Where(o => o.Value.Count > 1).Select(o => o.Key + " (" + string.Join(", ", o.Value) + ")").ToList();
        Assert.True(orphans.Count == 0, "device sources in no .nfproj: " + string.Join(", ", orphans));
        Assert.True(shared.Count == 0, "device sources in several .nfproj: " + string.Join(", ", shared));
    }

    [Fact]
    public void Nf_Proj_Lists_Every_Project_And_Nothing_Else()
    {
        var listed = References("nf.proj").ToHashSet();
        var all = AllProjects().ToHashSet();
        Assert.True(all.SetEquals(listed),
            "nf.proj is out of date.\n  missing: " + string.Join(", ", all.Except(listed)) + "\n  listed but not a project: " + string.Join(", ", listed.Except(all)));
    }

    [Fact]
    public void Project_References_Exist_And_Form_No_Cycle()
    {
        var projects = AllProjects().ToList();
        var graph = projects.ToDictionary(p => p, References);
        foreach (var (project, references) in graph)
        {
            foreach (string reference in references)
            {
                Assert.True(graph.ContainsKey(reference), project + " references " + reference + ", which is not a device project");
                Assert.False(IsTest(reference) && !IsTest(project), project + " (device code) references the test project " + reference);
            }
        }
        var state = new Dictionary<string, int>(); // 1 = on the current path, 2 = done
        foreach (string project in projects) Visit(project, graph, state, new List<string>());
    }

    [Fact]
    public void Test_Projects_Deploy_As_NFUnitTest_And_Device_Projects_Do_Not()
    {
        foreach (string project in AllProjects())
        {
            string name = Property(project, "AssemblyName");
            bool testProject = IsTest(project) && !project.StartsWith("tests/portable/Support/", StringComparison.Ordinal);
            // The device test runner loads the assembly named NFUnitTest (nanoframework-api.md, TestFramework).
            Assert.True(testProject == (name == "NFUnitTest"), project + " has AssemblyName " + name);
        }
    }

    [Fact]
    public void Device_Projects_Never_List_Host_Only_Code()
    {
        foreach (string project in AllProjects())
        {
            Assert.DoesNotContain(ListedFiles(project), f => f.StartsWith("hal/host/", StringComparison.Ordinal) || f.StartsWith("tools/", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Packages_Config_Pins_The_Surface_Versions_And_Every_Declared_Dependency()
    {
        PackagesConfig config = PackagesConfig.Load(RepoPaths.Root);
        PackageManifest manifest = ReferenceAssemblies.Manifest;
        var problems = new List<string>();
        foreach (var (id, version) in config.Pins)
        {
            PackageInfo? package = manifest.Package(id);
            if (package == null)
            {
                problems.Add(id + " is pinned but no device assembly can use it (not in tools/src/NfCheck/surface/packages.txt)");
                continue;
            }
            if (package.Version != version)
            {
                problems.Add(id + " is pinned at " + version + " but its surface was read from " + package.Version);
            }
            foreach (PackageDependency dependency in package.Dependencies)
            {
                if (!config.Pins.TryGetValue(dependency.Id, out string? pinned))
                {
                    problems.Add(id + " " + version + " needs " + dependency.Id + " >= " + dependency.MinimumVersion + ", which is not pinned");
                }
                else if (PackagesConfig.CompareVersions(pinned, dependency.MinimumVersion) < 0)
                {
                    problems.Add(id + " " + version + " needs " + dependency.Id + " >= " + dependency.MinimumVersion + ", pinned " + pinned);
                }
            }
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Theory]
    [MemberData(nameof(Projects))]
    public void References_Use_The_Pinned_Packages_Real_Hint_Paths_And_List_The_Whole_Closure(string project)
    {
        var projects = AllProjects().ToDictionary(p => p, p => DeviceProject.Load(RepoPaths.Root, p));
        var rules = new ReferenceRules(ReferenceAssemblies.Manifest, PackagesConfig.Load(RepoPaths.Root));

        var problems = rules.CheckPackageReferences(projects[project]).Concat(rules.CheckClosure(projects[project], projects)).ToList();

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Theory]
    [MemberData(nameof(Projects))]
    public void Usings_Name_Only_Namespaces_Of_Referenced_Packages_And_Projects(string project)
    {
        var projects = AllProjects().ToDictionary(p => p, p => DeviceProject.Load(RepoPaths.Root, p));
        DeviceProject self = projects[project];
        var trees = self.Sources.Select(s => CSharpSyntaxTree.ParseText(File.ReadAllText(RepoPaths.Combine(s)), path: s)).ToList();
        // What the project can see: its package assemblies' namespaces, its own and its referenced projects' (read
        // from their namespace declarations, so no compile is needed).
        var available = self.PackageReferences.Where(r => ReferenceAssemblies.Namespaces.ContainsKey(r.Value))
            .SelectMany(r => ReferenceAssemblies.Namespaces[r.Value])
            .Concat(DeclaredNamespaces(self)).Concat(self.ProjectReferences.SelectMany(r => DeclaredNamespaces(projects[r.Value])))
            .ToHashSet();
        var others = projects.Values.Where(p => p != self && !self.ProjectReferences.Any(r => r.Value == p.Path))
            .ToDictionary(p => p.Name, p => DeclaredNamespaces(p));
        var rules = new ReferenceRules(ReferenceAssemblies.Manifest, PackagesConfig.Load(RepoPaths.Root));

        var problems = rules.CheckUsings(self, trees, available, others).ToList();

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    private static HashSet<string> DeclaredNamespaces(DeviceProject project) => project.Sources
        .SelectMany(s => CSharpSyntaxTree.ParseText(File.ReadAllText(RepoPaths.Combine(s))).GetRoot().DescendantNodes().OfType<BaseNamespaceDeclarationSyntax>())
        .Select(n => n.Name.ToString())
        .ToHashSet();

    private static void Visit(string project, Dictionary<string, List<string>> graph, Dictionary<string, int> state, List<string> path)
    {
        if (state.TryGetValue(project, out int s))
        {
            Assert.True(s == 2, "project reference cycle: " + string.Join(" -> ", path.SkipWhile(p => p != project).Append(project)));
            return;
        }
        state[project] = 1;
        path.Add(project);
        foreach (string reference in graph[project].Where(graph.ContainsKey)) Visit(reference, graph, state, path);
        path.RemoveAt(path.Count - 1);
        state[project] = 2;
    }

    private static bool IsTest(string project) => project.StartsWith("tests/", StringComparison.Ordinal);

    /// <summary>Every .nfproj under the device folders, repo-relative with forward slashes.</summary>
    private static IEnumerable<string> AllProjects() => DeviceFolders
        .SelectMany(d => Directory.EnumerateFiles(RepoPaths.Combine(d), "*.nfproj", SearchOption.AllDirectories))
        .Select(Relative)
        .Where(f => !f.Contains("/obj/") && !f.Contains("/bin/"))
        .OrderBy(f => f, StringComparer.Ordinal);

    /// <summary>The sources a project owns: every .cs under its folder except in folders that hold another project.</summary>
    private static HashSet<string> OwnSources(string project)
    {
        string folder = Path.GetDirectoryName(project)!.Replace('\\', '/');
        var nested = AllProjects().Select(p => Path.GetDirectoryName(p)!.Replace('\\', '/')).Where(d => d != folder && d.StartsWith(folder + "/", StringComparison.Ordinal)).ToList();
        return Sources(RepoPaths.Combine(folder)).Where(f => !nested.Any(n => f.StartsWith(n + "/", StringComparison.Ordinal))).ToHashSet();
    }

    private static IEnumerable<string> Sources(string directory) => Directory.EnumerateFiles(directory, "*.cs", SearchOption.AllDirectories)
        .Select(Relative)
        .Where(f => !f.Contains("/obj/") && !f.Contains("/bin/"));

    private static string Relative(string path) => Path.GetRelativePath(RepoPaths.Root, path).Replace('\\', '/');

    private static HashSet<string> ListedFiles(string project) => Items(project, "Compile").ToHashSet();

    private static List<string> References(string project) => Items(project, "ProjectReference").ToList();

    /// <summary>The Include paths of one item type, resolved against the project's folder to repo-relative paths.</summary>
    private static IEnumerable<string> Items(string project, string itemType)
    {
        string path = RepoPaths.Combine(project.Split('/'));
        string dir = Path.GetDirectoryName(path)!;
        return XDocument.Load(path).Descendants().Where(e => e.Name.LocalName == itemType)
            .Select(e => Relative(Path.GetFullPath(Path.Combine(dir, e.Attribute("Include")!.Value.Replace('\\', '/')))));
    }

    private static string Property(string project, string name) =>
        XDocument.Load(RepoPaths.Combine(project.Split('/'))).Descendants().First(e => e.Name.LocalName == name).Value;
}

using DoorController.NfCheck;
using DoorController.TestSupport;

namespace DoorController.Integration;

/// <summary>
/// A small device tree in a temporary directory for planting violations into nfcheck's input: the repository's
/// packages.config, firmware/Core with its project, and projects written with exactly the references a test wants
/// (hint paths and closure computed the way the real projects have them, unless the test breaks them on purpose).
/// </summary>
public sealed class PlantedTree : IDisposable
{
    public PlantedTree()
    {
        File.Copy(RepoPaths.Combine("packages.config"), Path.Combine(Root, "packages.config"));
    }

    public string Root { get; } = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "nfcheck-test-" + Guid.NewGuid().ToString("N"))).FullName;

    public void Dispose()
    {
        if (Directory.Exists(Root))
        {
            Directory.Delete(Root, true);
        }
    }

    /// <summary>Copies a device folder of the repository (its sources and .nfproj files) into the tree.</summary>
    public void CopyFromRepository(string folder)
    {
        string from = RepoPaths.Combine(folder);
        foreach (string file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            string rel = Path.GetRelativePath(from, file);
            if (!(file.EndsWith(".cs", StringComparison.Ordinal) || file.EndsWith(".nfproj", StringComparison.Ordinal))
                || rel.Split(Path.DirectorySeparatorChar).Any(p => p == "bin" || p == "obj"))
            {
                continue;
            }
            string target = Path.Combine(Root, folder, rel);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    public void WriteSource(string path, string text)
    {
        string full = Path.Combine(Root, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
    }

    /// <summary>
    /// Writes folder/NAME.nfproj listing every .cs in the folder, referencing <paramref name="projects"/> (root-relative
    /// .nfproj paths) and <paramref name="assemblies"/> plus, when <paramref name="closed"/>, everything those need;
    /// <paramref name="langVersion"/> null writes no LangVersion.
    /// </summary>
    public void WriteProject(string folder, string name, IEnumerable<string> assemblies, IEnumerable<string>? projects = null, bool closed = true, string? langVersion = Checker.DeviceLangVersion)
    {
        List<string> projectList = (projects ?? Array.Empty<string>()).ToList();
        HashSet<string> wanted = new(assemblies) { ReferenceAssemblies.CoreLibrary };
        if (closed)
        {
            foreach (string project in projectList.ToList())
            {
                DeviceProject referenced = DeviceProject.Load(Root, project);
                wanted.UnionWith(referenced.PackageReferences.Select(r => r.Value));
                projectList.AddRange(referenced.ProjectReferences.Select(r => r.Value).Where(r => !projectList.Contains(r)));
            }
            wanted = wanted.SelectMany(a => ReferenceAssemblies.Manifest.Closure(a)).ToHashSet();
        }
        string dir = Path.Combine(Root, folder);
        Directory.CreateDirectory(dir);
        string up = string.Concat(Enumerable.Repeat("..\\", folder.Count(c => c == '/') + 1));
        IEnumerable<string> sources = Directory.EnumerateFiles(dir, "*.cs").Select(f => "    <Compile Include=\"" + Path.GetFileName(f) + "\" />");
        IEnumerable<string> projectItems = projectList.Select(p => "    <ProjectReference Include=\"" + up + p.Replace('/', '\\') + "\" />");
        IEnumerable<string> references = ReferenceAssemblies.Manifest.Assemblies.Where(a => wanted.Contains(a.Name)).Select(a =>
        {
            PackageInfo package = ReferenceAssemblies.Manifest.Package(a.PackageId);
            return "    <Reference Include=\"" + a.Name + "\"><HintPath>" + up + "packages\\" + package.Id + "." + package.Version + "\\" + a.File + "</HintPath></Reference>";
        });
        File.WriteAllText(Path.Combine(dir, name + ".nfproj"), string.Join("\n",
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>",
            "<Project ToolsVersion=\"15.0\" DefaultTargets=\"Build\" xmlns=\"http://schemas.microsoft.com/developer/msbuild/2003\">",
            "  <PropertyGroup>",
            "    <OutputType>Library</OutputType>",
            "    <AssemblyName>" + name + "</AssemblyName>",
            langVersion == null ? "" : "    <LangVersion>" + langVersion + "</LangVersion>",
            "  </PropertyGroup>",
            "  <ItemGroup>",
            string.Join("\n", sources),
            "  </ItemGroup>",
            "  <ItemGroup>",
            string.Join("\n", projectItems),
            "  </ItemGroup>",
            "  <ItemGroup>",
            string.Join("\n", references),
            "  </ItemGroup>",
            "</Project>") + "\n");
    }
}

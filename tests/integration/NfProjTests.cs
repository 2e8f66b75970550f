using System.Text.RegularExpressions;
using System.Xml.Linq;
using DoorController.LocalBroker;
using Xunit;

using DoorController.TestSupport;

namespace DoorController.Integration;

/// <summary>
/// The nanoFramework projects list their sources explicitly. These tests fail when a device source is missing
/// from a project or a listed file no longer exists (fix: tools/lib/update-nfproj.sh).
/// </summary>
public class NfProjTests
{
    [Fact]
    public void Device_Image_Project_Lists_Exactly_The_Device_Sources()
    {
        AssertListsExactly("nf.proj", "firmware", "hal/abstractions", "hal/esp32");
    }

    [Fact]
    public void Portable_Test_Project_Lists_Exactly_The_Portable_Sources_And_Tests()
    {
        AssertListsExactly("tests/portable/NFUnitTest.nfproj", "firmware", "hal/abstractions", "tests/portable");
    }

    [Fact]
    public void Device_Image_Project_Never_Lists_Host_Only_Code()
    {
        var listed = ListedFiles("nf.proj");
        Assert.DoesNotContain(listed, f => f.StartsWith("hal/host/", StringComparison.Ordinal) || f.StartsWith("tools/", StringComparison.Ordinal));
    }

    [Fact]
    public void Packages_Config_Pins_Every_Referenced_Package()
    {
        string config = File.ReadAllText(RepoPaths.Combine("packages.config"));
        var pinned = Regex.Matches(config, "id=\"([^\"]+)\" version=\"([^\"]+)\"").ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
        var hintPaths = XDocument.Load(RepoPaths.Combine("nf.proj")).Descendants().Where(e => e.Name.LocalName == "HintPath").Select(e => e.Value);
        foreach (string hint in hintPaths)
        {
            // packages\<id>.<version>\lib\...: the folder name must be one pinned id and version.
            string folder = hint.Split('\\')[1];
            Assert.True(pinned.Any(p => folder == p.Key + "." + p.Value), "nf.proj references " + folder + " which packages.config does not pin");
        }
    }

    private static void AssertListsExactly(string project, params string[] directories)
    {
        string projectDir = Path.GetDirectoryName(project.Replace('/', Path.DirectorySeparatorChar)) ?? "";
        var listed = ListedFiles(project);
        var expected = directories
            .SelectMany(d => Directory.EnumerateFiles(RepoPaths.Combine(d), "*.cs", SearchOption.AllDirectories))
            .Select(f => Path.GetRelativePath(RepoPaths.Root, f).Replace('\\', '/'))
            .Where(f => !f.Contains("/obj/") && !f.Contains("/bin/"))
            .ToHashSet();
        var missing = expected.Except(listed).OrderBy(f => f).ToList();
        var stale = listed.Except(expected).OrderBy(f => f).ToList();
        Assert.True(missing.Count == 0 && stale.Count == 0,
            project + " is out of date (run tools/lib/update-nfproj.sh).\n  missing: " + string.Join(", ", missing) + "\n  listed but not a device source: " + string.Join(", ", stale));
    }

    private static HashSet<string> ListedFiles(string project)
    {
        string path = RepoPaths.Combine(project.Split('/'));
        string dir = Path.GetDirectoryName(path)!;
        return XDocument.Load(path).Descendants().Where(e => e.Name.LocalName == "Compile")
            .Select(e => Path.GetRelativePath(RepoPaths.Root, Path.GetFullPath(Path.Combine(dir, e.Attribute("Include")!.Value.Replace('\\', '/')))).Replace('\\', '/'))
            .ToHashSet();
    }
}

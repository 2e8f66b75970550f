using System.Text.RegularExpressions;
using Xunit;

using DoorController.TestSupport;

namespace DoorController.Integration;

/// <summary>
/// The docs prove their claims by naming tests (security.md's threat table, benchmarks.md, scaling.md, ...): every
/// test class and test method they name in backticks exists in tests/, so a renamed or deleted test cannot leave a
/// promise standing on nothing.
/// </summary>
public sealed class DocumentedTestsTests
{
    private static readonly Regex Named = new(@"`(?<class>[A-Z][A-Za-z0-9]*Tests)(\.(?<method>[A-Za-z0-9_]+))?`", RegexOptions.Compiled);

    [Fact]
    public void Every_Test_Named_In_The_Docs_Exists()
    {
        var sources = new List<string>();
        foreach (string file in Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, "tests"), "*.cs", SearchOption.AllDirectories))
        {
            string sep = Path.DirectorySeparatorChar.ToString();
            if (file.Contains(sep + "bin" + sep) || file.Contains(sep + "obj" + sep)) continue;
            sources.Add(File.ReadAllText(file));
        }
        string all = string.Join("\n", sources);
        var docs = new List<string>(Directory.GetFiles(Path.Combine(RepoPaths.Root, "docs"), "*.md")) { Path.Combine(RepoPaths.Root, "README.md") };
        var missing = new List<string>();
        int named = 0;
        foreach (string doc in docs)
        {
            foreach (Match m in Named.Matches(File.ReadAllText(doc)))
            {
                named++;
                string cls = m.Groups["class"].Value, method = m.Groups["method"].Value;
                bool found = Regex.IsMatch(all, @"\bclass " + cls + @"\b")
                    && (method.Length == 0 || Regex.IsMatch(all, @"\b(void|Task) " + method + @"\s*\("));
                if (!found) missing.Add(Path.GetFileName(doc) + ": " + m.Value);
            }
        }
        Assert.True(named > 100, "only " + named + " test names found in the docs: the pattern no longer matches how they cite tests");
        Assert.True(missing.Count == 0, "named in the docs but not in tests/:\n" + string.Join("\n", missing));
    }
}

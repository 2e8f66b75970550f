using DoorController.NfCheck;
using Xunit;

namespace DoorController.Integration;

/// <summary>
/// nfcheck's rules for what compiles and even runs on .NET but misbehaves on the real nanoCLR, each planted into a
/// small tree (firmware/Core plus one planted project): string arrays whose elements were never assigned (NF027 -
/// measured on a nanoCLR built from nf-interpreter: such an element is not null when compared as a value, and string
/// equality on it crashes the runtime) and a project without the device C# version (NF028).
/// </summary>
public sealed class NfCheckRuntimeHazardTests : IDisposable
{
    private const string PlantedFile = "firmware/Planted/Slots.cs";
    private const int FieldLine = 6;
    private const int StatementLine = 9;
    private readonly PlantedTree _tree = new PlantedTree();

    public NfCheckRuntimeHazardTests()
    {
        _tree.CopyFromRepository("firmware/Core");
    }

    public void Dispose() => _tree.Dispose();

    [Theory]
    [InlineData("private readonly string[] _owners = new string[40];", "", FieldLine)] // PinClaims before the fix
    [InlineData("", "string[] got = new string[4]; got[0] = \"a\"; bool empty = got[1] == null;", StatementLine)]
    [InlineData("", "string[] pair = { \"a\", null };", StatementLine)] // the compiler does not store the null
    [InlineData("", "string[] pair = new string[] { \"a\", default(string) };", StatementLine)]
    [InlineData("", "var pair = new[] { \"a\", (string)null };", StatementLine)]
    [InlineData("", "string[] made = (string[])Array.CreateInstance(typeof(string), 3);", StatementLine)]
    // Not the fill pattern: read first, another bound, a conditional first store, the index changed in the body.
    [InlineData("", "string[] a = new string[n]; string first = a[0]; for (int i = 0; i < a.Length; i++) { a[i] = \"x\"; }", StatementLine)]
    [InlineData("", "string[] a = new string[n]; for (int i = 0; i < n; i++) { a[i] = \"x\"; }", StatementLine)]
    [InlineData("", "string[] a = new string[n]; for (int i = 0; i < a.Length; i++) { if (i > 0) { a[i] = \"x\"; } }", StatementLine)]
    [InlineData("", "string[] a = new string[n]; for (int i = 0; i < a.Length; i++) { a[i] = \"x\"; i++; }", StatementLine)]
    [InlineData("", "string[] a = new string[n]; for (int i = 1; i < a.Length; i++) { a[i] = \"x\"; }", StatementLine)]
    public void A_String_Array_Whose_Elements_Can_Be_Read_Unassigned_Fails_With_The_Hazard_And_The_Alternatives(string member, string statement, int line)
    {
        CheckResult result = CheckPlanted(member, statement);

        Violation hazard = Assert.Single(result.Violations);
        Assert.Equal(("NF027", PlantedFile, line), (hazard.Code, hazard.Path, hazard.Line));
        Assert.Contains("not a null reference", hazard.Message);
        Assert.Contains("crashes the runtime", hazard.Message);
        Assert.Contains("object[]", hazard.Message);
        Assert.Contains("ToArray(typeof(string))", hazard.Message);
    }

    [Theory]
    [InlineData("private readonly object[] _owners = new object[40];", "")]
    [InlineData("", "string[] a = new string[n]; for (int i = 0; i < a.Length; i++) { a[i] = \"x\" + i; } string first = a[0];")]
    [InlineData("", "string[] a = new string[n]; int unrelated = n * 2; for (int i = 0; i < a.Length; ++i) a[i] = \"x\";")]
    [InlineData("", "string[] none = new string[0]; string[] pair = { \"a\", \"b\" }; string[][] rows = new string[n][];")]
    [InlineData("", "System.Collections.ArrayList list = new System.Collections.ArrayList(); string[] all = (string[])list.ToArray(typeof(string));")]
    public void String_Arrays_Filled_Before_Any_Read_And_Object_Slots_Pass(string member, string statement)
    {
        CheckResult result = CheckPlanted(member, statement, "nanoFramework.System.Collections");

        Assert.True(result.Clean, string.Join("\n", result.Violations));
    }

    [Theory]
    [InlineData(null, "sets no <LangVersion>")]
    [InlineData("latest", "sets LangVersion latest")]
    [InlineData("7.3", "sets LangVersion 7.3")]
    [InlineData("12.0", "sets LangVersion 12.0")]
    [InlineData("nine", "which the C# compiler does not know")]
    public void A_Project_Without_The_Device_Language_Version_Fails(string? langVersion, string expected)
    {
        _tree.WriteSource("firmware/Planted/Plain.cs", "namespace DoorController.Planted\n{\n    public static class Plain { }\n}\n");
        _tree.WriteProject("firmware/Planted", "Planted", Array.Empty<string>(), langVersion: langVersion);

        CheckResult result = Checker.Check(_tree.Root);

        Violation version = Assert.Single(result.Violations);
        Assert.Equal(("NF028", "firmware/Planted/Planted.nfproj"), (version.Code, version.Path));
        Assert.Contains(expected, version.Message);
        Assert.Contains("device projects set 9.0", version.Message);
    }

    [Theory]
    [InlineData("9.0")]
    [InlineData("9")]
    public void The_Device_Language_Version_Passes_However_Written(string langVersion)
    {
        _tree.WriteSource("firmware/Planted/Plain.cs", "namespace DoorController.Planted\n{\n    public static class Plain { }\n}\n");
        _tree.WriteProject("firmware/Planted", "Planted", Array.Empty<string>(), langVersion: langVersion);

        Assert.True(Checker.Check(_tree.Root).Clean);
    }

    private CheckResult CheckPlanted(string member, string statement, params string[] assemblies)
    {
        string[] lines =
        {
            "using System;",                            // 1
            "namespace DoorController.Planted",         // 2
            "{",                                        // 3
            "    public class Slots",                   // 4
            "    {",                                  // 5
            "        " + member,                        // 6 = FieldLine
            "        public object Run(int n)",         // 7
            "        {",                                // 8
            "            " + statement,                 // 9 = StatementLine
            "            return n;",
            "        }",
            "    }",
            "}",
        };
        _tree.WriteSource(PlantedFile, string.Join("\n", lines) + "\n");
        _tree.WriteProject("firmware/Planted", "Planted", assemblies);
        return Checker.Check(_tree.Root);
    }
}

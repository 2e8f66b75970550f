using System.Diagnostics;
using DoorController.NfCheck;
using Xunit;

using DoorController.TestSupport;

namespace DoorController.Integration;

/// <summary>
/// tools/nfcheck, the device proof: the real device tree passes with every assembly under budget, and each
/// construct the nanoFramework 1.x runtime cannot run, planted into a small known-clean tree (firmware/Core plus one
/// planted project), fails naming the file and the line. The project-level rules (references, cycles, budget,
/// Hashtable) are planted in NfCheckProjectTests.
/// </summary>
public sealed class NfCheckTests : IDisposable
{
    private const string PlantedFile = "firmware/Planted/Planted.cs";
    private const int TypeLine = 6;
    private const int StatementLine = 11;

    /// <summary>The packages the planted project references (with their closure): what the planted code may use.</summary>
    private static readonly string[] PlantedAssemblies =
    {
        "nanoFramework.System.Collections", "nanoFramework.System.Text", "System.IO.Streams", "System.IO.Ports",
        "System.Device.Gpio", "nanoFramework.System.Security.Cryptography", "nanoFramework.M2Mqtt",
    };

    private readonly PlantedTree _tree = new PlantedTree();

    public void Dispose() => _tree.Dispose();

    [Fact]
    public void Real_Device_Tree_Passes_The_Check_With_Every_Assembly_Under_Budget()
    {
        foreach (string dir in Checker.DeviceDirectories)
        {
            _tree.CopyFromRepository(dir);
        }

        CheckResult result = Checker.Check(_tree.Root);

        Assert.True(result.FileCount > 0, "no device sources found under " + _tree.Root);
        Assert.True(result.Clean, result.Summary + "\n" + string.Join("\n", result.Violations));
        int projects = Checker.DeviceDirectories.Sum(d => Directory.GetFiles(Path.Combine(_tree.Root, d), "*.nfproj", SearchOption.AllDirectories).Length);
        Assert.Equal(projects, result.Assemblies.Count);
        Assert.All(result.Assemblies, a => Assert.True(a.WithinBudget, a.ToString()));
    }

    [Fact]
    public void Baseline_Tree_Used_For_Planting_Is_Clean()
    {
        CreateBaseline(statement: "", typeLevel: "", usingLine: "");

        CheckResult result = CheckPlanted();

        Assert.True(result.Clean, string.Join("\n", result.Violations));
        Assert.Equal(Directory.GetFiles(Path.Combine(_tree.Root, "firmware"), "*.cs", SearchOption.AllDirectories).Length, result.FileCount);
        Assert.Equal(new[] { "DoorController.Core", "Planted" }, result.Assemblies.Select(a => a.Name));
    }

    [Theory]
    [InlineData("list", "", "", "var list = new System.Collections.Generic.List<int>();", StatementLine, "NF003")]
    [InlineData("linq", "using System.Linq;", "", "var big = arr.Where(x => x > 1);", StatementLine, "CS1061")]
    [InlineData("async", "", "public class Holder { public async void Go() { } }", "", TypeLine, "NF007")]
    [InlineData("replace", "", "", "string s = \"a\".Replace(\"a\", \"b\");", StatementLine, "CS1061")]
    [InlineData("now", "", "", "DateTime now = DateTime.Now;", StatementLine, "CS0117")]
    [InlineData("getstring", "", "", "string text = Encoding.UTF8.GetString(bytes);", StatementLine, "CS7036")]
    [InlineData("generic-class", "", "public class Box<T> { public T Value; }", "", TypeLine, "NF001")]
    [InlineData("md-array", "", "", "int[,] grid = new int[2, 2];", StatementLine, "NF005")]
    [InlineData("record", "", "public record Point(int X, int Y);", "", TypeLine, "NF006")]
    [InlineData("dynamic", "", "", "dynamic d = arr;", StatementLine, "NF009")]
    [InlineData("action-t", "", "", "Action<int> act = x => { };", StatementLine, "NF003")]
    [InlineData("tuple", "", "", "var pair = (1, 2);", StatementLine, "NF010")]
    [InlineData("nullable", "", "", "int? maybe = null;", StatementLine, "NF011")]
    public void Planted_Construct_Fails_Naming_File_And_Line(string name, string usingLine, string typeLevel, string statement, int line, string code)
    {
        CreateBaseline(statement, typeLevel, usingLine);

        CheckResult result = CheckPlanted();

        Assert.False(result.Clean, name + " was not rejected");
        Assert.True(result.Violations.Any(v => v.Path == PlantedFile && v.Line == line && v.Code == code),
            name + ": expected " + code + " at " + PlantedFile + ":" + line + ", got:\n" + string.Join("\n", result.Violations));
        // The violation is reported where it is, not smeared over the clean baseline.
        Assert.All(result.Violations, v => Assert.Equal(PlantedFile, v.Path));
    }

    // Members the data file says the device lacks (section 0) and the rest of the constructs the runtime cannot run.
    [Theory]
    [InlineData("", "var table = new System.Collections.Hashtable(); bool has = table.ContainsKey(1);", StatementLine, "CS1061")]
    [InlineData("", "string joined = string.Join(\",\", new string[0]);", StatementLine, "CS0117")]
    [InlineData("", "bool blank = string.IsNullOrWhiteSpace(\" \");", StatementLine, "CS0117")]
    [InlineData("", "string lower = \"A\".ToLowerInvariant();", StatementLine, "CS1061")]
    [InlineData("", "bool starts = \"ab\".StartsWith('a');", StatementLine, "CS1503")]
    [InlineData("", "TimeSpan span = TimeSpan.FromSeconds(1.5);", StatementLine, "CS1503")]
    [InlineData("", "bool signalled = new System.Threading.AutoResetEvent(false).WaitOne(5);", StatementLine, "CS7036")]
    [InlineData("", "object kind = Enum.Parse(typeof(DayOfWeek), \"Monday\");", StatementLine, "CS0117")]
    [InlineData("", "var task = System.Threading.Tasks.Task.Delay(1);", StatementLine, "CS0234")]
    [InlineData("", "Span<byte> span = new byte[4];", StatementLine, "NF003")]
    [InlineData("", "Span<byte> buffer = stackalloc byte[4];", StatementLine, "NF012")]
    [InlineData("", "string day = DayOfWeek.Monday.ToString();", StatementLine, "NF018")]
    [InlineData("", "string hex = $\"{bytes.Length:X2}\";", StatementLine, "NF017")]
    [InlineData("public interface IDefault { int Get() => 1; }", "", TypeLine, "NF013")]
    [InlineData("public class Settings { public int Port { get; init; } }", "", TypeLine, "NF015")]
    [InlineData("public class Numbers { public System.Collections.IEnumerable All() { yield return 1; } }", "", TypeLine, "NF019")]
    [InlineData("public unsafe class Raw { }", "", TypeLine, "NF016")]
    [InlineData("public class Inferred { static T Id<T>(T v) => v; int Use() => Id(1); }", "", TypeLine, "NF004")]
    public void Other_Unsupported_Apis_And_Constructs_Fail_At_Their_Line(string typeLevel, string statement, int line, string code)
    {
        CreateBaseline(statement, typeLevel, "");

        CheckResult result = CheckPlanted();

        Assert.True(result.Violations.Any(v => v.Path == PlantedFile && v.Line == line && v.Code == code),
            "expected " + code + " at " + PlantedFile + ":" + line + ", got:\n" + string.Join("\n", result.Violations));
    }

    [Fact]
    public void Records_Fail_Even_In_A_Project_That_Sets_A_Newer_Language_Version()
    {
        CreateBaseline("", "public record Point(int X, int Y);", "");
        _tree.WriteProject("firmware/Planted", "Planted", PlantedAssemblies, new[] { "firmware/Core/DoorController.Core.nfproj" }, langVersion: "latest");

        CheckResult result = Checker.Check(_tree.Root);

        Assert.Contains(result.Violations, v => v.Path == PlantedFile && v.Line == TypeLine && v.Code == "NF006");
    }

    [Fact]
    public void Ordinary_Portable_Constructs_Compile_Against_The_Surface()
    {
        CreateBaseline("", "", "");
        _tree.WriteSource("firmware/Planted/Ordinary.cs", OrdinaryConstructs);

        CheckResult result = CheckPlanted();

        Assert.True(result.Clean, string.Join("\n", result.Violations));
    }

    [Fact]
    public void Root_Without_Device_Sources_Is_An_Error_Not_A_Pass()
    {
        Assert.Equal(2, DoorController.NfCheck.Program.Main(new[] { "--root", _tree.Root }));
    }

    [Fact]
    public void Checked_In_Surface_Index_Matches_The_Surface()
    {
        string expected = SurfaceIndex.Build();
        string committed = File.ReadAllText(RepoPaths.Combine("tools", "src", "NfCheck", "surface", "surface-index.txt"));
        Assert.True(expected == committed, "surface-index.txt is stale: run tools/nfcheck --dump-surface tools/src/NfCheck/surface/surface-index.txt");
    }

    [Fact]
    public async Task Script_Exits_Non_Zero_And_Prints_File_And_Line()
    {
        CreateBaseline("DateTime now = DateTime.Now;", "", "");
        _tree.WriteProject("firmware/Planted", "Planted", PlantedAssemblies, new[] { "firmware/Core/DoorController.Core.nfproj" });
        var start = new ProcessStartInfo("bash", new[] { RepoPaths.Combine("tools", "nfcheck"), "--root", _tree.Root })
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };

        using Process process = Process.Start(start)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        // The first run builds the checker in Release; later runs only check.
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        string output = await stdout;

        Assert.True(process.ExitCode == 1, "exit " + process.ExitCode + "\n" + output + await stderr);
        Assert.Contains(PlantedFile + ":" + StatementLine + ":", output);
        Assert.Contains("nfcheck: ", output);
    }

    /// <summary>A tiny tree: firmware/Core from the repository (stable shared helpers) plus one project to plant into.</summary>
    private void CreateBaseline(string statement, string typeLevel, string usingLine)
    {
        _tree.CopyFromRepository("firmware/Core");
        string[] lines =
        {
            "using System;",                           // 1
            "using System.Text;",                      // 2
            usingLine,                                 // 3
            "namespace DoorController.Planted",        // 4
            "{",                                       // 5
            "    " + typeLevel,                        // 6 = TypeLine
            "    public class Planted",                // 7
            "    {",                                   // 8
            "        public object Run(byte[] bytes, int[] arr)", // 9
            "        {",                               // 10
            "            " + statement,                // 11 = StatementLine
            "            return bytes.Length + arr.Length;", // 12
            "        }",
            "    }",
            "}",
        };
        _tree.WriteSource(PlantedFile, string.Join("\n", lines) + "\n");
    }

    /// <summary>Writes the planted project last, so it lists every source a test put into its folder.</summary>
    private CheckResult CheckPlanted()
    {
        _tree.WriteProject("firmware/Planted", "Planted", PlantedAssemblies, new[] { "firmware/Core/DoorController.Core.nfproj" });
        return Checker.Check(_tree.Root);
    }

    // What portable code does every day, each of which the compiler lowers onto a surface member: concatenation
    // (String.Concat), lock (Monitor), foreach over ArrayList/string/map keys, switch on string, interpolation,
    // events, lambdas, using, exception filters, static constructors, structs, [Flags], params, out/ref, indexers.
    private const string OrdinaryConstructs = """
        using System;
        using System.Collections;
        using System.Device.Gpio;
        using System.Diagnostics;
        using System.IO;
        using System.IO.Ports;
        using System.Security.Cryptography;
        using System.Text;
        using System.Threading;
        using nanoFramework.M2Mqtt;
        using nanoFramework.M2Mqtt.Messages;

        namespace DoorController.Planted
        {
            [Flags]
            public enum Mode { None = 0, A = 1, B = 2 }

            public struct Pair { public int X; public Pair(int x) { X = x; } }

            public delegate void Changed(int value);

            public sealed class Ordinary : IDisposable
            {
                private static readonly byte[] Table = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 };
                private static readonly string[] Names;
                private readonly object _gate = new object();
                private readonly DoorController.Core.ObjectMap _map = new DoorController.Core.ObjectMap();
                private readonly ArrayList _list = new ArrayList();
                private int _count;
                private Timer _timer;
                public event EventHandler Poked;
                public event Changed ValueChanged;

                static Ordinary() { Names = new string[] { "a", "b" }; }

                public int this[int i] { get { return Table[i]; } }

                public string Run(string s, Mode m, params object[] rest)
                {
                    lock (_gate) { _count++; }
                    Poked?.Invoke(this, EventArgs.Empty);
                    ValueChanged?.Invoke(_count);
                    Changed c = v => Debug.WriteLine("v=" + v);
                    new Thread(() => _count++).Start();
                    _timer = new Timer(state => _count++, null, 0, 1000);
                    string text = $"{s}:{_count}";
                    switch (s) { case "one": return "1"; case "two": return "2"; case "three": return "3"; case "four": return "4"; case "five": return "5"; case "six": return "6"; case "seven": return "7"; }
                    if (m.HasFlag(Mode.A)) { text += "a"; }
                    foreach (object o in _list) { text += o; }
                    foreach (object k in _map.Keys()) { text = text + k + "=" + _map[k]; }
                    foreach (char ch in s) { _count += ch; }
                    if (_map.Contains("k") && _map["k"] == null) { _map["k"] = 1; }
                    StringBuilder sb = new StringBuilder().Append(text).Append('c').Append(1.5);
                    return sb.ToString() + rest.Length + new Pair(1).X + Names[0];
                }

                public bool TryParse(string s, out int value, ref int tries)
                {
                    tries++;
                    try { value = int.Parse(s); return true; }
                    catch (FormatException e) when (e.Message != null) { value = 0; return false; }
                }

                public byte[] Io(byte[] key)
                {
                    byte[] data = Encoding.UTF8.GetBytes("x");
                    string back = Encoding.UTF8.GetString(data, 0, data.Length);
                    using (MemoryStream ms = new MemoryStream()) { ms.Write(data, 0, data.Length); }
                    TimeSpan t = TimeSpan.FromSeconds(5) + TimeSpan.FromMilliseconds(2);
                    DateTime later = DateTime.UtcNow.Add(t);
                    GpioController gpio = new GpioController();
                    gpio.OpenPin(5, PinMode.Output).Write(PinValue.High);
                    SerialPort port = new SerialPort("COM2", 115200);
                    port.DataReceived += (sender, e) => Debug.WriteLine(port.ReadExisting());
                    MqttClient mqtt = new MqttClient("broker");
                    mqtt.MqttMsgPublishReceived += (sender, e) => Debug.WriteLine(e.Topic);
                    mqtt.Subscribe(new[] { "a/b" }, new[] { MqttQoSLevel.AtLeastOnce });
                    return HMACSHA256.HashData(key, data);
                }

                public void Dispose() { }
            }
        }
        """;
}

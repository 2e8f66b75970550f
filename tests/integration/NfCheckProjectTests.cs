using DoorController.NfCheck;
using Xunit;

namespace DoorController.Integration;

/// <summary>
/// nfcheck's project-level rules, each planted into a small tree (firmware/Core plus planted projects): an assembly
/// over budget, code using a package or an assembly its project does not reference, an incomplete closure, a wrong
/// hint path, a reference cycle, a source in no project, the native Hashtable; and the size estimate against a
/// fixture measured once with the real metadata processor.
/// </summary>
public sealed class NfCheckProjectTests : IDisposable
{
    private const string Core = "firmware/Core/DoorController.Core.nfproj";
    private readonly PlantedTree _tree = new PlantedTree();

    public NfCheckProjectTests()
    {
        _tree.CopyFromRepository("firmware/Core");
    }

    public void Dispose() => _tree.Dispose();

    [Theory]
    [InlineData("bytecode", "            v = v * 31 + {0};", "byte code")]
    [InlineData("strings", "            s = \"a distinct string literal of the planted assembly number {0:D6}\";", "string table")]
    public void An_Assembly_Over_Budget_Fails_Naming_The_Assembly_And_The_Limit(string name, string line, string table)
    {
        // 6,000 statements of 11 bytes of byte code, or 6,000 literals of ~64 bytes: over 48 KiB either way.
        IEnumerable<string> body = Enumerable.Range(0, 6000).Select(i => string.Format(line, 100000 + i));
        _tree.WriteSource("firmware/Big/Big.cs", string.Join("\n", new[]
        {
            "namespace DoorController.Big", "{", "    public static class Big", "    {",
            "        public static object Run(int v, string s)", "        {",
        }.Concat(body).Concat(new[] { "            return v + s.Length;", "        }", "    }", "}" })) + "\n");
        _tree.WriteProject("firmware/Big", "DoorController.Big", Array.Empty<string>());

        CheckResult result = Checker.Check(_tree.Root);

        Violation over = Assert.Single(result.Violations);
        Assert.Equal("NF025", over.Code);
        Assert.Equal("firmware/Big/DoorController.Big.nfproj", over.Path);
        Assert.Contains("assembly DoorController.Big", over.Message);
        Assert.Contains(table, over.Message);
        Assert.Contains("49152", over.Message);
        Assert.False(Assert.Single(result.Assemblies, a => a.Name == "DoorController.Big").WithinBudget, name);
    }

    [Fact]
    public void Code_Using_A_Package_Its_Project_Does_Not_Reference_Fails_At_The_Using()
    {
        _tree.WriteSource("firmware/Planted/Blink.cs", "using System.Device.Gpio;\n\nnamespace DoorController.Planted\n{\n    public static class Blink\n    {\n        public static void On() { new GpioController().OpenPin(2, PinMode.Output).Write(PinValue.High); }\n    }\n}\n");
        _tree.WriteProject("firmware/Planted", "Planted", Array.Empty<string>());

        CheckResult result = Checker.Check(_tree.Root);

        Violation undeclared = Assert.Single(result.Violations, v => v.Code == "NF021");
        Assert.Equal("firmware/Planted/Blink.cs", undeclared.Path);
        Assert.Equal(1, undeclared.Line);
        Assert.Contains("System.Device.Gpio (package nanoFramework.System.Device.Gpio)", undeclared.Message);
        Assert.Contains("Planted.nfproj does not reference", undeclared.Message);
    }

    [Fact]
    public void Code_Using_An_Assembly_Its_Project_Does_Not_Reference_Fails_At_The_Using()
    {
        _tree.WriteSource("firmware/Planted/Sum.cs", "using DoorController.Core;\n\nnamespace DoorController.Planted\n{\n    public static class Sum\n    {\n        public static uint Of(byte[] data) { return Crc32.Compute(data); }\n    }\n}\n");
        _tree.WriteProject("firmware/Planted", "Planted", new[] { "System.IO.Streams", "nanoFramework.System.Security.Cryptography" });

        CheckResult result = Checker.Check(_tree.Root);

        Violation undeclared = Assert.Single(result.Violations, v => v.Code == "NF021");
        Assert.Equal("firmware/Planted/Sum.cs", undeclared.Path);
        Assert.Contains("project DoorController.Core", undeclared.Message);
        Assert.Contains(result.Violations, v => v.Code == "CS0103" && v.Line == 7); // and the compiler cannot bind Crc32
    }

    [Fact]
    public void A_Reference_Whose_Own_References_Are_Not_Listed_Fails()
    {
        // Iot.Device.Pn532 references System.Device.I2c, Spi, Gpio, Ports, BinaryPrimitives and Iot.Device.Card.
        _tree.WriteSource("firmware/Planted/Reader.cs", "namespace DoorController.Planted\n{\n    public static class Reader\n    {\n    }\n}\n");
        _tree.WriteProject("firmware/Planted", "Planted", new[] { "Iot.Device.Pn532" }, closed: false);

        CheckResult result = Checker.Check(_tree.Root);

        List<Violation> open = result.Violations.Where(v => v.Code == "NF023").ToList();
        Assert.Contains(open, v => v.Message.Contains("Iot.Device.Pn532 references System.Device.I2c"));
        Assert.Contains(open, v => v.Message.Contains("Iot.Device.Pn532 references Iot.Device.Card"));
        Assert.All(open, v => Assert.Equal("firmware/Planted/Planted.nfproj", v.Path));
    }

    [Fact]
    public void A_Hint_Path_The_Package_Does_Not_Ship_Fails()
    {
        string project = Path.Combine(_tree.Root, Core);
        string text = File.ReadAllText(project);
        string wrong = text.Replace("lib\\nanoFramework.System.Security.Cryptography.dll", "lib\\System.Security.Cryptography.dll");
        Assert.NotEqual(text, wrong);
        File.WriteAllText(project, wrong);

        CheckResult result = Checker.Check(_tree.Root);

        Violation hint = Assert.Single(result.Violations, v => v.Code == "NF022");
        Assert.Equal(Core, hint.Path);
        Assert.Contains("lib\\nanoFramework.System.Security.Cryptography.dll", hint.Message);
    }

    [Fact]
    public void A_Project_Reference_Cycle_Fails_Naming_The_Cycle()
    {
        _tree.WriteSource("firmware/A/A.cs", "namespace DoorController.A\n{\n    public static class A { }\n}\n");
        _tree.WriteSource("firmware/B/B.cs", "namespace DoorController.B\n{\n    public static class B { }\n}\n");
        _tree.WriteProject("firmware/A", "DoorController.A", Array.Empty<string>(), new[] { "firmware/B/DoorController.B.nfproj" }, closed: false);
        _tree.WriteProject("firmware/B", "DoorController.B", Array.Empty<string>(), new[] { "firmware/A/DoorController.A.nfproj" }, closed: false);

        CheckResult result = Checker.Check(_tree.Root);

        Violation cycle = Assert.Single(result.Violations, v => v.Code == "NF024");
        Assert.Contains("project reference cycle: DoorController.A -> DoorController.B -> DoorController.A", cycle.Message);
        Assert.Equal(new[] { "DoorController.Core" }, result.Assemblies.Select(a => a.Name));
    }

    [Fact]
    public void A_Device_Source_In_No_Project_Fails()
    {
        _tree.WriteSource("firmware/Core/Stray.cs", "namespace DoorController.Core\n{\n    public static class Stray { }\n}\n");

        CheckResult result = Checker.Check(_tree.Root);

        Violation stray = Assert.Single(result.Violations);
        Assert.Equal(("NF026", "firmware/Core/Stray.cs"), (stray.Code, stray.Path));
    }

    [Theory]
    [InlineData("System.Collections.Hashtable seen = new System.Collections.Hashtable();", 7)]
    [InlineData("object index = new Hashtable()[0];", 7)]
    public void The_Native_Hashtable_Fails_At_Its_Line_With_The_Hazard_Named(string statement, int line)
    {
        _tree.WriteSource("firmware/Planted/Index.cs", "using System.Collections;\n\nnamespace DoorController.Planted\n{\n    public static class Index\n    {\n        public static void Run() { " + statement + " }\n    }\n}\n");
        _tree.WriteProject("firmware/Planted", "Planted", new[] { "nanoFramework.System.Collections" });

        CheckResult result = Checker.Check(_tree.Root);

        Violation hashtable = Assert.Single(result.Violations.Where(v => v.Code == "NF020").GroupBy(v => v.Line).Select(g => g.First()));
        Assert.Equal(("firmware/Planted/Index.cs", line), (hashtable.Path, hashtable.Line));
        Assert.Contains("hash code is 0", hashtable.Message);
        Assert.Contains("stored twice", hashtable.Message);
        Assert.Contains("DoorController.Core.ObjectMap", hashtable.Message);
    }

    [Fact]
    public void An_Assembly_Over_Budget_Only_In_Its_Debug_Build_Fails_Naming_The_Debug_Build()
    {
        // 2,500 `if` statements: about 13 bytes each optimised (~32 KB), about 29 unoptimised (~72 KB).
        IEnumerable<string> body = Enumerable.Range(0, 2500).Select(i => "            if (v > " + (100000 + i) + ") { v++; }");
        _tree.WriteSource("firmware/Big/Big.cs", string.Join("\n", new[]
        {
            "namespace DoorController.Big", "{", "    public static class Big", "    {",
            "        public static int Run(int v)", "        {",
        }.Concat(body).Concat(new[] { "            return v;", "        }", "    }", "}" })) + "\n");
        _tree.WriteProject("firmware/Big", "DoorController.Big", Array.Empty<string>());

        CheckResult result = Checker.Check(_tree.Root);

        AssemblySize big = Assert.Single(result.Assemblies, a => a.Name == "DoorController.Big");
        Assert.InRange(big.ReleaseByteCode, 1, SizeCalibration.ByteCodeBudget);
        Assert.True(big.DebugByteCode > SizeCalibration.ByteCodeBudget, big.ToString());
        Assert.Equal(big.DebugByteCode, big.ByteCode);
        Violation over = Assert.Single(result.Violations);
        Assert.Equal("NF025", over.Code);
        Assert.Contains("byte code " + big.DebugByteCode + " bytes in the Debug build (" + big.ReleaseByteCode + " in Release)", over.Message);
        Assert.StartsWith("assembly DoorController.Big: bytecode=" + big.DebugByteCode + " strings=", big.ToString());
    }

    /// <summary>
    /// The estimate against the real metadata processor: <see cref="SizeFixtureSource"/> compiled as the checker
    /// compiles device code (nfcheck --emit) and converted by nanoframework/metadata-processor v3.0.100 measured 511
    /// bytes of byte code and 451 bytes of strings in Release, 615 and 451 in Debug. The estimate may not be lower,
    /// nor higher than SizeCalibration's tolerance.
    /// </summary>
    [Fact]
    public void Estimate_Of_The_Fixture_Is_At_Or_Just_Above_The_Real_Metadata_Processor_In_Both_Builds()
    {
        const int MeasuredByteCode = 511;
        const int MeasuredDebugByteCode = 615;
        const int MeasuredStrings = 451;
        _tree.WriteSource("firmware/SizeFixture/Fixture.cs", SizeFixtureSource);
        _tree.WriteProject("firmware/SizeFixture", "SizeFixture", new[] { "nanoFramework.System.Text" });

        CheckResult result = Checker.Check(_tree.Root);

        Assert.True(result.Clean, string.Join("\n", result.Violations));
        AssemblySize size = Assert.Single(result.Assemblies, a => a.Name == "SizeFixture");
        Assert.InRange(size.ReleaseByteCode, MeasuredByteCode, MeasuredByteCode + SizeCalibration.ByteCodeTolerance);
        Assert.InRange(size.DebugByteCode, MeasuredDebugByteCode, MeasuredDebugByteCode + SizeCalibration.ByteCodeTolerance);
        Assert.InRange(size.ReleaseStrings, MeasuredStrings, MeasuredStrings + SizeCalibration.StringsTolerance(MeasuredStrings));
        Assert.InRange(size.DebugStrings, MeasuredStrings, MeasuredStrings + SizeCalibration.StringsTolerance(MeasuredStrings));
        Assert.Equal((size.DebugByteCode, Math.Max(size.ReleaseStrings, size.DebugStrings)), (size.ByteCode, size.Strings)); // the budget takes the larger
    }

    // A switch table, exception clauses with a filter, long branches, string literals in UTF-8 beyond ASCII, constants
    // and enum members (which the processor drops), an attribute with a string argument, an event, a closure.
    private const string SizeFixtureSource = """
        using System;
        using System.Text;

        namespace DoorController.SizeFixture
        {
            [AttributeUsage(AttributeTargets.Method)]
            public sealed class NoteAttribute : Attribute
            {
                public NoteAttribute(string text)
                {
                    Text = text;
                }

                public string Text { get; }
            }

            public interface IShape
            {
                double Area();
            }

            public enum Colour
            {
                Red,
                Green,
                Blue = 7,
            }

            public sealed class Square : IShape
            {
                public const int MaxSide = 1000;
                private static int _made;
                private readonly double _side;

                public Square(double side)
                {
                    _side = side;
                    _made++;
                }

                public static int Made
                {
                    get { return _made; }
                }

                public event EventHandler Changed;

                public double Area()
                {
                    return _side * _side;
                }

                public void Touch()
                {
                    Changed?.Invoke(this, EventArgs.Empty);
                }
            }

            public delegate bool Keep(int value);

            public static class Fixture
            {
                private static readonly string[] Words = { "Tür öffnen", "door open", "relay", "entry denied", "🔒 locked" };

                [Note("names the day of a week number")]
                public static string Day(int day)
                {
                    switch (day)
                    {
                        case 0: return "Sunday";
                        case 1: return "Monday";
                        case 2: return "Tuesday";
                        case 3: return "Wednesday";
                        case 4: return "Thursday";
                        case 5: return "Friday";
                        case 6: return "Saturday";
                        default: return "day " + day;
                    }
                }

                public static int Parse(string text)
                {
                    int value = 0;
                    try
                    {
                        value = int.Parse(text);
                    }
                    catch (FormatException e) when (e.Message != null)
                    {
                        value = -1;
                    }
                    catch (ArgumentException)
                    {
                        value = -2;
                    }
                    finally
                    {
                        value++;
                    }
                    return value;
                }

                public static long Mix(int rounds, double scale, Colour colour)
                {
                    long acc = 0x123456789AL;
                    StringBuilder log = new StringBuilder();
                    for (int i = 0; i < rounds; i++)
                    {
                        acc = acc * 31 + i;
                        acc ^= acc >> 7;
                        if (i % 3 == 0)
                        {
                            log.Append(Words[i % Words.Length]).Append(':').Append(i);
                        }
                        acc += (long)(scale * i);
                        acc -= (int)colour;
                        acc = acc * 1103515245 + 12345;
                        acc ^= acc << 13;
                        acc ^= acc >> 17;
                        acc ^= acc << 5;
                        acc += log.Length;
                        acc = acc * 6364136223846793005L + 1442695040888963407L;
                    }
                    return acc;
                }

                public static int Sum(int[] values, Keep keep)
                {
                    int total = 0;
                    foreach (int v in values)
                    {
                        if (keep(v))
                        {
                            total += v;
                        }
                    }
                    return total;
                }

                public static int Evens(int[] values)
                {
                    int threshold = values.Length;
                    return Sum(values, v => v % 2 == 0 && v < threshold);
                }
            }
        }
        """;
}

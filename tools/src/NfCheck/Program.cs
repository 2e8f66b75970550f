using System;
using System.IO;

namespace DoorController.NfCheck
{
    /// <summary>
    /// Command line: <c>nfcheck [--root DIR] [--emit DIR] [--dump-surface FILE]</c>. Prints one line per assembly
    /// (<c>assembly NAME: bytecode=N strings=M</c>, the larger of the Release and Debug estimates, then each build's
    /// figures), then one per violation and a summary. --emit DIR writes DIR/Release/PROJECT/ and DIR/Debug/PROJECT/.
    /// Exit 0 clean, 1 violations, 2 usage/tool error.
    /// </summary>
    public static class Program
    {
        private const string Usage = "usage: nfcheck [--root DIR] [--emit DIR] [--dump-surface FILE]";

        public static int Main(string[] args)
        {
            string root = null;
            string dumpFile = null;
            string emitTo = null;
            for (int i = 0; i < args.Length; i++)
            {
                switch (args[i])
                {
                    case "--root" when i + 1 < args.Length:
                        root = args[++i];
                        break;
                    case "--dump-surface" when i + 1 < args.Length:
                        dumpFile = args[++i];
                        break;
                    case "--emit" when i + 1 < args.Length:
                        emitTo = args[++i];
                        break;
                    case "-h":
                    case "--help":
                        Console.WriteLine(Usage);
                        return 0;
                    default:
                        Console.Error.WriteLine("nfcheck: unknown argument '" + args[i] + "' (" + Usage + ")");
                        return 2;
                }
            }
            try
            {
                if (dumpFile != null)
                {
                    File.WriteAllText(dumpFile, SurfaceIndex.Build());
                    Console.WriteLine("nfcheck: surface index written to " + dumpFile);
                    return 0;
                }
                root ??= Checker.FindRepoRoot(Directory.GetCurrentDirectory());
                if (root == null)
                {
                    Console.Error.WriteLine("nfcheck: no repository root (a directory holding nf.proj or firmware/) above the current directory; pass --root DIR");
                    return 2;
                }
                CheckResult result = Checker.Check(root, emitTo);
                if (result.FileCount == 0)
                {
                    // A wrong --root must not pass as "clean".
                    Console.Error.WriteLine("nfcheck: no device sources (*.cs under " + string.Join(", ", Checker.DeviceDirectories) + ") in " + Path.GetFullPath(root));
                    return 2;
                }
                Console.WriteLine($"nfcheck: budget per assembly {SizeCalibration.ByteCodeBudget} bytes of byte code and {SizeCalibration.StringsBudget} bytes of strings, in the larger of its Release and Debug builds (estimated; tools/src/NfCheck/README.md)");
                foreach (AssemblySize size in result.Assemblies)
                {
                    Console.WriteLine(size);
                }
                foreach (Violation violation in result.Violations)
                {
                    Console.WriteLine(violation);
                }
                Console.WriteLine(result.Summary);
                return result.Clean ? 0 : 1;
            }
            catch (Exception e) when (e is IOException || e is InvalidOperationException || e is UnauthorizedAccessException || e is System.Xml.XmlException)
            {
                Console.Error.WriteLine(e.Message);
                return 2;
            }
        }
    }
}

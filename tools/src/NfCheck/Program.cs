using System;
using System.IO;

namespace DoorController.NfCheck
{
    /// <summary>Command line: <c>nfcheck [--root DIR] [--dump-surface FILE]</c>. Exit 0 clean, 1 violations, 2 usage/tool error.</summary>
    public static class Program
    {
        public static int Main(string[] args)
        {
            string root = null;
            string dumpFile = null;
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
                    case "-h":
                    case "--help":
                        Console.WriteLine("usage: nfcheck [--root DIR] [--dump-surface FILE]");
                        return 0;
                    default:
                        Console.Error.WriteLine("nfcheck: unknown argument '" + args[i] + "' (usage: nfcheck [--root DIR] [--dump-surface FILE])");
                        return 2;
                }
            }
            try
            {
                if (dumpFile != null)
                {
                    File.WriteAllText(dumpFile, SurfaceIndex.Build(SurfaceAssembly.Compilation));
                    Console.WriteLine("nfcheck: surface index written to " + dumpFile);
                    return 0;
                }
                root ??= Checker.FindRepoRoot(Directory.GetCurrentDirectory());
                if (root == null)
                {
                    Console.Error.WriteLine("nfcheck: no repository root (a directory holding nf.proj or firmware/) above the current directory; pass --root DIR");
                    return 2;
                }
                CheckResult result = Checker.Check(root);
                if (result.FileCount == 0)
                {
                    // A wrong --root must not pass as "clean".
                    Console.Error.WriteLine("nfcheck: no device sources (*.cs under " + string.Join(", ", Checker.DeviceDirectories) + ") in " + Path.GetFullPath(root));
                    return 2;
                }
                foreach (Violation violation in result.Violations)
                {
                    Console.WriteLine(violation);
                }
                Console.WriteLine(result.Summary);
                return result.Clean ? 0 : 1;
            }
            catch (Exception e) when (e is IOException || e is InvalidOperationException || e is UnauthorizedAccessException)
            {
                Console.Error.WriteLine(e.Message);
                return 2;
            }
        }
    }
}

namespace DoorController.VDev;

/// <summary>
/// tools/vdev [--dir DIR] [SCRIPT]: runs virtual controllers — the real firmware on hal/host, each with its own
/// flash directory — from a script file or, without one, from standard input (see VDevShell for the commands).
/// This is the stand-in for the nanoFramework emulator, which cannot be installed here.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        string root = Path.Combine(Directory.GetCurrentDirectory(), ".work", "vdev");
        string? script = null;
        for (int i = 0; i < args.Length; i++)
        {
            if (args[i] == "--dir" && i + 1 < args.Length) root = args[++i];
            else if (args[i] == "--help" || args[i] == "-h") { Console.WriteLine("usage: tools/vdev [--dir DIR] [SCRIPT]"); return 0; }
            else script = args[i];
        }
        Directory.CreateDirectory(root);
        using var shell = new VDevShell(root);
        TextReader input = script == null ? Console.In : new StreamReader(script);
        string? line;
        while ((line = input.ReadLine()) != null)
        {
            if (line.Trim() == "quit") break;
            shell.Execute(line);
        }
        Console.WriteLine(shell.Failures == 0 ? "vdev: done" : "vdev: " + shell.Failures + " command(s) failed");
        return shell.Failures == 0 ? 0 : 1;
    }
}

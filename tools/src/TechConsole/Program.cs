using DoorController.TechConsole;

// tools/console: the technician's serial console tool. See docs/provisioning.md.
ConsoleOptions? options = ConsoleOptions.Parse(args, out string? error);
if (options == null)
{
    Console.Error.WriteLine("tools/console: " + error);
    Console.Error.WriteLine(ConsoleOptions.Usage);
    return ExitCodes.UsageOrPort;
}
if (options.ShowHelp)
{
    Console.WriteLine(ConsoleOptions.Usage);
    return ExitCodes.Ok;
}

SerialConnection connection;
try
{
    connection = SerialConnection.Open(options.Port!, options.Baud);
}
catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException or System.ComponentModel.Win32Exception)
{
    Console.Error.WriteLine("tools/console: cannot open " + options.Port + ": " + e.Message);
    return ExitCodes.UsageOrPort;
}

using (connection)
{
    var reader = new ReplyReader(connection);
    reader.Start();
    var runner = new ScriptRunner(connection, reader, options, Console.Out);
    int code = runner.Connect();
    if (code != ExitCodes.Ok)
    {
        return code;
    }
    if (options.ScriptPath != null)
    {
        bool stdin = options.ScriptPath == "-";
        if (!stdin && !File.Exists(options.ScriptPath))
        {
            Console.Error.WriteLine("tools/console: script not found: " + options.ScriptPath);
            return ExitCodes.UsageOrPort;
        }
        IEnumerable<string> lines = stdin ? ReadStdin() : File.ReadLines(options.ScriptPath);
        string baseDirectory = stdin ? Directory.GetCurrentDirectory() : Path.GetDirectoryName(Path.GetFullPath(options.ScriptPath))!;
        return runner.RunScript(lines, baseDirectory);
    }
    if (Console.IsInputRedirected)
    {
        return runner.RunScript(ReadStdin(), Directory.GetCurrentDirectory());
    }
    return InteractiveTerminal.Run(connection, reader);
}

static IEnumerable<string> ReadStdin()
{
    string? line;
    while ((line = Console.In.ReadLine()) != null)
    {
        yield return line;
    }
}

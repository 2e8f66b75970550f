namespace DoorController.TechConsole;

/// <summary>Command-line options of tools/console.</summary>
public sealed class ConsoleOptions
{
    public const int DefaultBaud = 115200;

    public string? Port { get; set; }
    public int Baud { get; set; } = DefaultBaud;
    public string? Passcode { get; set; }
    public string? ScriptPath { get; set; }
    public TimeSpan ReplyTimeout { get; set; } = TimeSpan.FromSeconds(10);
    public bool KeepGoing { get; set; }
    public bool Quiet { get; set; }
    public bool ShowHelp { get; set; }

    public const string Usage =
        "usage: tools/console --port <device> [--script <file>] [--passcode <code>] [--timeout <s>] [--keep-going] [--quiet]\n" +
        "  --port      /dev/ttyUSB0, /dev/ttyACM0, a PTY such as /dev/pts/3, or COM5 on Windows (env DC_CONSOLE_PORT)\n" +
        "  --script    run the commands in <file> ('-' = stdin), one per line; '#' starts a comment;\n" +
        "              'set ca < ca.pem' (also cert, cert-key) pastes a PEM file; without --script: interactive terminal\n" +
        "  --passcode  console passcode (better: env DC_CONSOLE_PASSCODE; asked for when needed and not given)\n" +
        "  --timeout   seconds to wait for each reply (default 10)\n" +
        "  --keep-going  run the whole script even after an error (still exits 1)\n" +
        "exit codes: 0 all ok, 1 a command replied error, 2 passcode refused, 3 usage or port error, 4 timeout";

    /// <summary>Parses <paramref name="args"/>; null with <paramref name="error"/> on a bad command line.</summary>
    public static ConsoleOptions? Parse(string[] args, out string? error)
    {
        error = null;
        var options = new ConsoleOptions
        {
            Port = Environment.GetEnvironmentVariable("DC_CONSOLE_PORT"),
            Passcode = Environment.GetEnvironmentVariable("DC_CONSOLE_PASSCODE"),
        };
        for (int i = 0; i < args.Length; i++)
        {
            string arg = args[i];
            string? Next()
            {
                if (i + 1 >= args.Length)
                {
                    return null;
                }
                return args[++i];
            }
            switch (arg)
            {
                case "-h":
                case "--help":
                    options.ShowHelp = true;
                    break;
                case "-p":
                case "--port":
                    options.Port = Next();
                    break;
                case "--baud":
                    if (!int.TryParse(Next(), out int baud) || baud <= 0)
                    {
                        error = "--baud needs a positive number";
                        return null;
                    }
                    options.Baud = baud;
                    break;
                case "--passcode":
                    options.Passcode = Next();
                    break;
                case "-s":
                case "--script":
                    options.ScriptPath = Next();
                    break;
                case "--timeout":
                    if (!double.TryParse(Next(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double seconds) || seconds <= 0)
                    {
                        error = "--timeout needs a positive number of seconds";
                        return null;
                    }
                    options.ReplyTimeout = TimeSpan.FromSeconds(seconds);
                    break;
                case "--keep-going":
                    options.KeepGoing = true;
                    break;
                case "-q":
                case "--quiet":
                    options.Quiet = true;
                    break;
                default:
                    error = "unknown option " + arg;
                    return null;
            }
        }
        if (!options.ShowHelp && string.IsNullOrEmpty(options.Port))
        {
            error = "--port is required";
            return null;
        }
        return options;
    }
}

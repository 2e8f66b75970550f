namespace DoorController.TechConsole;

/// <summary>
/// Drives the controller console line by line: waits for a prompt, sends one line, prints what comes back up
/// to the next prompt, and fails on any "error:" reply or when no prompt comes in time. Handles the passcode
/// prompt, PEM includes ("set ca &lt; ca.pem") and the reboot that follows `reboot` and `factory-reset`.
/// </summary>
public sealed class ScriptRunner
{
    private const string ErrorPrefix = "error:";
    private const string BannerText = "door controller console";

    private readonly SerialConnection _connection;
    private readonly ReplyReader _reader;
    private readonly ConsoleOptions _options;
    private readonly TextWriter _out;
    private string _prompt = "";
    private bool _syncing;

    public ScriptRunner(SerialConnection connection, ReplyReader reader, ConsoleOptions options, TextWriter output)
    {
        _connection = connection;
        _reader = reader;
        _options = options;
        _out = output;
    }

    /// <summary>The prompt the controller showed last.</summary>
    public string Prompt => _prompt;

    /// <summary>Gets the controller's attention and signs in; returns an exit code (0 when ready for commands).</summary>
    public int Connect()
    {
        _reader.Drain(TimeSpan.FromMilliseconds(300));
        _connection.Write("\r\n");
        _syncing = true;
        bool prompted = WaitForPrompt(out _);
        _syncing = false;
        if (!prompted)
        {
            return Fail(ExitCodes.Timeout, "no prompt from the controller on " + _options.Port + " (is it powered, is the baud rate 115200?)");
        }
        return SignIn();
    }

    private int SignIn()
    {
        if (_prompt != ReplyReader.PasscodePrompt)
        {
            return ExitCodes.Ok;
        }
        string? passcode = _options.Passcode;
        if (string.IsNullOrEmpty(passcode))
        {
            passcode = AskPasscode();
            if (passcode == null)
            {
                return Fail(ExitCodes.PasscodeRefused, "the controller asks for its passcode: pass --passcode or set DC_CONSOLE_PASSCODE");
            }
        }
        int result = Send(passcode, "(passcode)");
        return result == ExitCodes.ErrorReply ? ExitCodes.PasscodeRefused : result;
    }

    private static string? AskPasscode()
    {
        if (Console.IsInputRedirected)
        {
            return null;
        }
        Console.Error.Write("controller passcode: ");
        var typed = new System.Text.StringBuilder();
        while (true)
        {
            ConsoleKeyInfo key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
            {
                break;
            }
            if (key.Key == ConsoleKey.Backspace)
            {
                if (typed.Length > 0) typed.Length--;
                continue;
            }
            if (key.KeyChar >= ' ' && key.KeyChar <= '~')
            {
                typed.Append(key.KeyChar);
            }
        }
        Console.Error.WriteLine();
        return typed.ToString();
    }

    /// <summary>Runs every line of a script; returns the exit code.</summary>
    public int RunScript(IEnumerable<string> lines, string baseDirectory)
    {
        int worst = ExitCodes.Ok;
        int number = 0;
        foreach (string raw in lines)
        {
            number++;
            string line = raw.Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }
            int result = RunLine(line, baseDirectory);
            if (result == ExitCodes.Ok)
            {
                continue;
            }
            Console.Error.WriteLine("tools/console: script line " + number + " failed");
            if (result != ExitCodes.ErrorReply || !_options.KeepGoing)
            {
                return result;
            }
            worst = result;
        }
        return worst;
    }

    private int RunLine(string line, string baseDirectory)
    {
        if (_prompt == ReplyReader.PasscodePrompt)
        {
            // Locked since the last reply (`lock`, idle timeout): sign in again before the next command.
            int signedIn = SignIn();
            if (signedIn != ExitCodes.Ok)
            {
                return signedIn;
            }
        }
        int include = line.IndexOf(" < ", StringComparison.Ordinal);
        if (include > 0 && line.StartsWith("set ", StringComparison.OrdinalIgnoreCase))
        {
            return PastePem(line.Substring(0, include).Trim(), line.Substring(include + 3).Trim(), baseDirectory);
        }
        int result = Send(line, line);
        if (result != ExitCodes.Ok)
        {
            return result;
        }
        if (_lastReplyRebooted)
        {
            return AwaitReboot();
        }
        return ExitCodes.Ok;
    }

    private int PastePem(string command, string file, string baseDirectory)
    {
        string path = Path.IsPathRooted(file) ? file : Path.Combine(baseDirectory, file);
        if (!File.Exists(path))
        {
            return Fail(ExitCodes.UsageOrPort, "PEM file not found: " + path);
        }
        int result = Send(command, command);
        if (result != ExitCodes.Ok)
        {
            return result;
        }
        string[] pemLines = File.ReadAllLines(path).Select(l => l.Trim()).Where(l => l.Length > 0).ToArray();
        for (int i = 0; i < pemLines.Length; i++)
        {
            result = Send(pemLines[i], "(PEM line)");
            if (result != ExitCodes.Ok)
            {
                return result;
            }
            if (_prompt != ReplyReader.PemPrompt)
            {
                // The controller took the block at its END line; a second block (a chain) would be sent as commands.
                return i == pemLines.Length - 1 ? ExitCodes.Ok
                    : Fail(ExitCodes.ErrorReply, "PEM file " + path + " holds more than one block; the controller takes one (the CA that signed the broker)");
            }
        }
        return _prompt == ReplyReader.PemPrompt ? Fail(ExitCodes.ErrorReply, "PEM file " + path + " has no -----END line") : ExitCodes.Ok;
    }

    private bool _lastReplyRebooted;

    /// <summary>Sends one line and collects the reply up to the next prompt.</summary>
    public int Send(string line, string description)
    {
        _lastReplyRebooted = false;
        _connection.Write(line + "\r\n");
        if (!WaitForPrompt(out bool sawError))
        {
            return Fail(ExitCodes.Timeout, "no reply to '" + description + "' within " + _options.ReplyTimeout.TotalSeconds + " s");
        }
        return sawError ? ExitCodes.ErrorReply : ExitCodes.Ok;
    }

    private int AwaitReboot()
    {
        // The controller restarts after its reply: wait for the new banner, then its first prompt.
        DateTime deadline = DateTime.UtcNow + TimeSpan.FromSeconds(Math.Max(30, _options.ReplyTimeout.TotalSeconds));
        bool bannerSeen = false;
        while (DateTime.UtcNow < deadline)
        {
            ConsoleEvent? next = _reader.Next(deadline - DateTime.UtcNow);
            if (next == null)
            {
                break;
            }
            ConsoleEvent e = next.Value;
            if (e.Kind == ConsoleEventKind.Closed)
            {
                return Fail(ExitCodes.UsageOrPort, "the serial line closed during the reboot");
            }
            if (e.Kind == ConsoleEventKind.Line)
            {
                Print(e.Text);
                bannerSeen |= e.Text.Contains(BannerText, StringComparison.Ordinal);
            }
            else if (bannerSeen)
            {
                _prompt = e.Text;
                return SignIn();
            }
        }
        return Fail(ExitCodes.Timeout, "the controller did not come back after the reboot");
    }

    private bool WaitForPrompt(out bool sawError)
    {
        sawError = false;
        DateTime deadline = DateTime.UtcNow + _options.ReplyTimeout;
        while (true)
        {
            TimeSpan left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                return false;
            }
            ConsoleEvent? next = _reader.Next(left);
            if (next == null)
            {
                return false;
            }
            ConsoleEvent e = next.Value;
            switch (e.Kind)
            {
                case ConsoleEventKind.Closed:
                    return false;
                case ConsoleEventKind.Line:
                    Print(e.Text);
                    if (e.Text.StartsWith(ErrorPrefix, StringComparison.Ordinal))
                    {
                        sawError = true;
                    }
                    if (e.Text == "rebooting")
                    {
                        _lastReplyRebooted = true;
                    }
                    break;
                default:
                    _prompt = e.Text;
                    return true;
            }
        }
    }

    private void Print(string line)
    {
        if (_syncing)
        {
            return; // stale output and the echo of our wake-up Enter
        }
        if (!_options.Quiet || line.StartsWith(ErrorPrefix, StringComparison.Ordinal))
        {
            _out.WriteLine(line);
            _out.Flush();
        }
    }

    private static int Fail(int code, string message)
    {
        Console.Error.WriteLine("tools/console: " + message);
        return code;
    }
}

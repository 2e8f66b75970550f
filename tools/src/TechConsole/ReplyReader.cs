using System.Collections.Concurrent;
using System.Text;

namespace DoorController.TechConsole;

/// <summary>
/// Reads the controller's output on a background thread and cuts it into lines and prompts. Bytes that are
/// not text (ROM boot messages at another baud rate, nanoFramework debugger packets on UART0) are dropped.
/// </summary>
public sealed class ReplyReader
{
    public const string CommandPrompt = "dc> ";
    public const string PasscodePrompt = "passcode: ";
    public const string PemPrompt = "pem> ";
    public const string ConfirmPrompt = "confirm> ";
    private static readonly string[] Prompts = { CommandPrompt, PasscodePrompt, PemPrompt, ConfirmPrompt };

    private readonly BlockingCollection<ConsoleEvent> _events = new();
    private readonly StringBuilder _partial = new();
    private readonly SerialConnection _connection;

    public ReplyReader(SerialConnection connection)
    {
        _connection = connection;
    }

    /// <summary>Called with the printable output as it arrives (interactive terminal mode).</summary>
    public Action<string>? Passthrough { get; set; }

    public void Start()
    {
        var thread = new Thread(Pump) { IsBackground = true, Name = "console-reader" };
        thread.Start();
    }

    private void Pump()
    {
        var buffer = new byte[512];
        try
        {
            int read;
            while ((read = _connection.Read(buffer)) > 0)
            {
                Feed(buffer, read);
            }
        }
        catch (IOException)
        {
        }
        catch (ObjectDisposedException)
        {
        }
        _events.Add(new ConsoleEvent(ConsoleEventKind.Closed, ""));
    }

    /// <summary>Parses received bytes (public for tests of the parser).</summary>
    public void Feed(byte[] buffer, int count)
    {
        var shown = Passthrough == null ? null : new StringBuilder();
        for (int i = 0; i < count; i++)
        {
            byte b = buffer[i];
            if (b == (byte)'\n')
            {
                string line = _partial.ToString();
                _partial.Clear();
                shown?.Append('\n');
                _events.Add(new ConsoleEvent(ConsoleEventKind.Line, line));
                continue;
            }
            if (b == (byte)'\r')
            {
                continue;
            }
            if (b == 0x08)
            {
                if (_partial.Length > 0)
                {
                    _partial.Length--;
                }
                shown?.Append('\b');
                continue;
            }
            if (b < 0x20 || b > 0x7E)
            {
                continue;
            }
            _partial.Append((char)b);
            shown?.Append((char)b);
            foreach (string prompt in Prompts)
            {
                if (_partial.Length == prompt.Length && _partial.ToString() == prompt)
                {
                    _events.Add(new ConsoleEvent(ConsoleEventKind.Prompt, prompt));
                }
            }
        }
        if (shown != null && shown.Length > 0)
        {
            Passthrough!(shown.ToString());
        }
    }

    /// <summary>The next event, or null when nothing arrived within <paramref name="timeout"/>.</summary>
    public ConsoleEvent? Next(TimeSpan timeout)
    {
        return _events.TryTake(out ConsoleEvent e, timeout) ? e : null;
    }

    /// <summary>Throws away what arrived before we started talking (a banner buffered in the PTY, boot noise).</summary>
    public void Drain(TimeSpan quiet)
    {
        while (_events.TryTake(out _, quiet))
        {
        }
    }
}

using System.Diagnostics;

namespace DoorController.TechConsole;

/// <summary>
/// The technician's end of the serial cable. Linux/macOS: a tty device (/dev/ttyUSB0, /dev/ttyACM0, a PTY)
/// set to raw 8N1 with stty, read and written through separate file streams. Windows: COMn set with `mode`,
/// opened overlapped so a pending read does not block writes.
/// </summary>
public sealed class SerialConnection : IDisposable
{
    private readonly Stream _read;
    private readonly Stream _write;
    private readonly bool _windows;

    private SerialConnection(Stream read, Stream write, bool windows)
    {
        _read = read;
        _write = write;
        _windows = windows;
    }

    public static SerialConnection Open(string port, int baud)
    {
        if (OperatingSystem.IsWindows())
        {
            string name = port.StartsWith(@"\\.\", StringComparison.Ordinal) ? port : @"\\.\" + port;
            Run("mode", port.TrimStart('\\', '.') + " BAUD=" + baud + " PARITY=n DATA=8 STOP=1 to=off dtr=on rts=on");
            var stream = new FileStream(name, FileMode.Open, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.Asynchronous);
            return new SerialConnection(stream, stream, true);
        }
        if (!File.Exists(port))
        {
            throw new IOException("no such serial device: " + port);
        }
        string flag = OperatingSystem.IsMacOS() ? "-f" : "-F";
        Run("stty", flag + " " + port + " " + baud + " raw -echo cs8 -parenb -cstopb clocal");
        var read = new FileStream(port, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 0);
        var write = new FileStream(port, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, 0);
        return new SerialConnection(read, write, false);
    }

    private static void Run(string program, string arguments)
    {
        var info = new ProcessStartInfo(program, arguments)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(info) ?? throw new IOException("cannot run " + program);
        string error = process.StandardError.ReadToEnd();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new IOException(program + " " + arguments + " failed: " + error.Trim());
        }
    }

    /// <summary>Blocks until bytes arrive; 0 at end of stream.</summary>
    public int Read(byte[] buffer)
    {
        // Windows COM reads with the default timeouts complete only when the buffer is full: read byte by byte.
        int count = _windows ? 1 : buffer.Length;
        return _windows ? _read.ReadAsync(buffer, 0, count).GetAwaiter().GetResult() : _read.Read(buffer, 0, count);
    }

    public void Write(string text)
    {
        byte[] bytes = System.Text.Encoding.ASCII.GetBytes(text);
        Write(bytes);
    }

    public void Write(byte[] bytes)
    {
        if (_windows)
        {
            _write.WriteAsync(bytes, 0, bytes.Length).GetAwaiter().GetResult();
        }
        else
        {
            _write.Write(bytes, 0, bytes.Length);
        }
        _write.Flush();
    }

    public void Dispose()
    {
        _write.Dispose();
        if (!ReferenceEquals(_read, _write))
        {
            _read.Dispose();
        }
    }
}

using System.Collections.Concurrent;
using System.Diagnostics;

namespace DoorController.TestSupport;

/// <summary>
/// The management server as its own process (doorctl-server beside the test assembly), so a test can kill it the way
/// a power cut or the OOM killer does (SIGKILL: no shutdown code runs) and start it again on the same data directory.
/// </summary>
public sealed class ServerProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentBag<string> _errors = new();

    private ServerProcess(string dataDirectory, int brokerPort)
    {
        var psi = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "doorctl-server"),
            "--data " + dataDirectory + " --port 0 --mqtt 127.0.0.1:" + brokerPort)
        { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        var listening = new ManualResetEventSlim(false);
        _process = Process.Start(psi)!;
        // Both pipes are drained asynchronously so a chatty child can never block on a full pipe.
        _process.OutputDataReceived += (_, e) => { if (e.Data != null && e.Data.Contains("listening")) listening.Set(); };
        _process.ErrorDataReceived += (_, e) => { if (e.Data != null) _errors.Add(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        if (!listening.Wait(TimeSpan.FromSeconds(30))) throw new TimeoutException("server did not start: " + string.Join(" | ", _errors));
        Thread.Sleep(500); // "listening" is printed as the MQTT bridge starts; let it subscribe
    }

    public static ServerProcess Start(string dataDirectory, int brokerPort) => new(dataDirectory, brokerPort);

    /// <summary>SIGKILL, and wait until the process is gone.</summary>
    public void Kill()
    {
        if (_process.HasExited) return;
        _process.Kill();
        _process.WaitForExit();
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }
}

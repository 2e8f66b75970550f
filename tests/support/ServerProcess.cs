using System.Collections.Concurrent;
using System.Diagnostics;
using Xunit;

namespace DoorController.TestSupport;

/// <summary>
/// The real doorctl-server executable as a child process (what an operator runs), with its stdout and stderr
/// collected line by line: for what only a separate process shows (its log, its exit code, being killed).
/// </summary>
public sealed class ServerProcess : IDisposable
{
    private readonly Process _process;
    private readonly ManualResetEventSlim _listening = new(false);

    private ServerProcess(string arguments, IDictionary<string, string>? environment)
    {
        var psi = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "doorctl-server"), arguments)
        { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.Environment.Remove("DOORCTL_ADMIN_PASSWORD");
        foreach (var kv in environment ?? new Dictionary<string, string>()) psi.Environment[kv.Key] = kv.Value;
        _process = Process.Start(psi)!;
        // Both pipes are drained asynchronously so a chatty child can never block on a full pipe.
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data == null) return;
            Output.Add(e.Data);
            int at = e.Data.IndexOf("listening on ", StringComparison.Ordinal);
            if (at >= 0)
            {
                Url = e.Data[(at + 13)..].Split(' ')[0];
                _listening.Set();
            }
        };
        _process.ErrorDataReceived += (_, e) => { if (e.Data != null) Errors.Add(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public BlockingCollection<string> Output { get; } = new();
    public BlockingCollection<string> Errors { get; } = new();
    public string? Url { get; private set; }
    public bool HasExited => _process.HasExited;
    public int ExitCode => _process.ExitCode;

    /// <summary>Starts the server and waits until it listens (fails the test with its stderr if it does not).</summary>
    public static ServerProcess Start(string arguments, IDictionary<string, string>? environment = null)
    {
        var p = new ServerProcess(arguments, environment);
        Assert.True(p._listening.Wait(TimeSpan.FromSeconds(30)), "server did not start: " + string.Join(" | ", p.Errors));
        return p;
    }

    /// <summary>Runs the server expecting it to refuse to start; returns its exit code.</summary>
    public static ServerProcess RunToExit(string arguments, IDictionary<string, string>? environment = null)
    {
        var p = new ServerProcess(arguments, environment);
        Assert.True(p._process.WaitForExit(30_000), "the server kept running");
        p._process.WaitForExit(); // flushes the asynchronous readers
        return p;
    }

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

using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace DoorController.LocalBroker;

/// <summary>
/// A throw-away PostgreSQL 15 cluster for the demo's and the benchmarks' scale-out runs, started the way a user
/// would with Debian's postgresql package: initdb into a temporary directory owned by the postgres user (postgres
/// refuses to run as root), pg_ctl start on a free 127.0.0.1 port (trust authentication, loopback and a private
/// socket directory only), createdb; removed on dispose. Durable by default (fsync and synchronous commit on), so
/// a benchmark measures what a deployment pays for a committed row.
/// </summary>
public sealed class LocalPostgres : IDisposable
{
    public const string BinDirectory = "/usr/lib/postgresql/15/bin";
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "doorctl-pg-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly bool _asPostgres = Environment.UserName == "root";
    private bool _running;

    private LocalPostgres()
    {
    }

    public int Port { get; private set; }

    /// <summary>Starts a cluster and creates database <paramref name="database"/>; throws with the tool's message if it cannot.</summary>
    public static LocalPostgres Start(string database = "doorctl", bool durable = true)
    {
        var pg = new LocalPostgres();
        try
        {
            pg.Launch(database, durable);
            return pg;
        }
        catch
        {
            pg.Dispose();
            throw;
        }
    }

    /// <summary>The connection string of <paramref name="database"/> (no password: trust on loopback).</summary>
    public string ConnectionString(string database = "doorctl") =>
        "Host=127.0.0.1;Port=" + Port + ";Username=postgres;Database=" + database + ";Pooling=true;Timeout=10;Maximum Pool Size=40";

    private void Launch(string database, bool durable)
    {
        if (!File.Exists(Path.Combine(BinDirectory, "postgres"))) throw new InvalidOperationException(BinDirectory + "/postgres is not installed (apt-get install postgresql)");
        Directory.CreateDirectory(_dir);
        if (_asPostgres) Run("/bin/chown", "postgres:postgres " + _dir, false);
        Run(Path.Combine(BinDirectory, "initdb"), "-D " + _dir + "/data -A trust -U postgres -E UTF8" + (durable ? "" : " --no-sync"), _asPostgres);
        Port = FreePort();
        string settings = "-p " + Port + " -k " + _dir + " -c listen_addresses=127.0.0.1 -c max_connections=200" +
            (durable ? "" : " -c fsync=off -c synchronous_commit=off -c full_page_writes=off");
        Run(Path.Combine(BinDirectory, "pg_ctl"), "-D " + _dir + "/data -w -t 60 -l " + _dir + "/log -o \"" + settings + "\" start", _asPostgres);
        _running = true;
        Run(Path.Combine(BinDirectory, "createdb"), "-h 127.0.0.1 -p " + Port + " -U postgres " + database, _asPostgres);
    }

    private static void Run(string exe, string args, bool asPostgres)
    {
        var psi = asPostgres ? new ProcessStartInfo("/usr/sbin/runuser", "-u postgres -- " + exe + " " + args) : new ProcessStartInfo(exe, args);
        psi.RedirectStandardOutput = true;
        psi.RedirectStandardError = true;
        psi.WorkingDirectory = "/tmp";
        using var p = Process.Start(psi)!;
        string output = p.StandardError.ReadToEnd() + p.StandardOutput.ReadToEnd();
        if (!p.WaitForExit(90_000) || p.ExitCode != 0) throw new InvalidOperationException(Path.GetFileName(exe) + " failed: " + output.Trim().Replace('\n', ' '));
    }

    private static int FreePort()
    {
        var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        int port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }

    public void Dispose()
    {
        if (_running)
        {
            try { Run(Path.Combine(BinDirectory, "pg_ctl"), "-D " + _dir + "/data -m immediate stop", _asPostgres); } catch (InvalidOperationException) { }
            _running = false;
        }
        try { Directory.Delete(_dir, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

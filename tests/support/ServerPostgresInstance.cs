using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace DoorController.TestSupport;

/// <summary>
/// A throw-away PostgreSQL 15 cluster for the storage suite: initdb into a temp directory owned by the postgres
/// user (tests run as root, and postgres refuses to run as root), started on a free 127.0.0.1 port with trust
/// authentication, removed on dispose. If it cannot start, <see cref="FailureReason"/> says why in one line and
/// every PostgreSQL test fails with that line — never a silent skip.
/// </summary>
public sealed class ServerPostgresInstance : IDisposable
{
    private const string BinDirectory = "/usr/lib/postgresql/15/bin";
    private readonly string _dir;
    private int _databases;

    public ServerPostgresInstance()
    {
        _dir = Path.Combine(Path.GetTempPath(), "doorctl-pg-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            Start();
        }
        catch (Exception e)
        {
            FailureReason = "postgres: cannot start PostgreSQL 15 for the storage suite: " + e.Message.Split('\n')[0];
            Console.Error.WriteLine(FailureReason);
        }
    }

    public int Port { get; private set; }
    public string? FailureReason { get; }

    /// <summary>A fresh, empty database; returns its connection string.</summary>
    public string CreateDatabase()
    {
        if (FailureReason != null) throw new InvalidOperationException(FailureReason);
        string name = "doorctl_" + Interlocked.Increment(ref _databases);
        using (var c = new NpgsqlConnection(ConnectionString("postgres")))
        {
            c.Open();
            using var cmd = new NpgsqlCommand("CREATE DATABASE " + name, c);
            cmd.ExecuteNonQuery();
        }
        return ConnectionString(name);
    }

    private string ConnectionString(string database) =>
        "Host=127.0.0.1;Port=" + Port + ";Username=postgres;Database=" + database + ";Pooling=true;Timeout=10";

    private void Start()
    {
        if (!File.Exists(Path.Combine(BinDirectory, "postgres"))) throw new InvalidOperationException(BinDirectory + "/postgres is not installed (apt-get install postgresql)");
        Directory.CreateDirectory(_dir);
        bool root = Environment.UserName == "root";
        if (root) Run("/bin/chown", "postgres:postgres " + _dir, false);
        Run(Path.Combine(BinDirectory, "initdb"), "-D " + _dir + "/data -A trust -U postgres -E UTF8 --no-sync", root);
        Port = FreePort();
        Run(Path.Combine(BinDirectory, "pg_ctl"), "-D " + _dir + "/data -w -t 30 -l " + _dir + "/log -o \"-p " + Port + " -k " + _dir +
            " -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off\" start", root);
    }

    private static void Run(string exe, string args, bool asPostgres)
    {
        var psi = asPostgres ? new ProcessStartInfo("/usr/sbin/runuser", "-u postgres -- " + exe + " " + args) : new ProcessStartInfo(exe, args);
        psi.RedirectStandardOutput = true;
        psi.RedirectStandardError = true;
        psi.WorkingDirectory = "/tmp";
        using var p = Process.Start(psi)!;
        string err = p.StandardError.ReadToEnd() + p.StandardOutput.ReadToEnd();
        if (!p.WaitForExit(60_000) || p.ExitCode != 0) throw new InvalidOperationException(Path.GetFileName(exe) + " failed: " + err.Trim().Replace('\n', ' '));
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
        if (FailureReason == null)
        {
            try { Run(Path.Combine(BinDirectory, "pg_ctl"), "-D " + _dir + "/data -m immediate stop", Environment.UserName == "root"); } catch (InvalidOperationException) { }
        }
        try { Directory.Delete(_dir, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

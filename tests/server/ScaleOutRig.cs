using DoorController.LocalBroker;
using DoorController.Server;
using DoorController.Server.Mqtt;
using DoorController.Server.Services;
using DoorController.Server.Storage;
using DoorController.TestSupport;
using Xunit;

namespace DoorController.ServerTests;

/// <summary>
/// Several server instances on one private PostgreSQL database and one mosquitto (TLS, dynamic security), each with
/// its own broker identity doorctl-server-NAME: in-process (<see cref="StartInProcess"/>) or as real processes
/// (<see cref="StartProcess"/>, what SIGKILL needs). They share one data directory (site key, master key), as
/// docs/scaling.md tells operators to share those files.
/// </summary>
public sealed class ScaleOutRig : IDisposable
{
    public const string AdminPassword = "scale-admin-password";
    private readonly List<ServerTestHost> _hosts = new();
    private readonly Dictionary<string, ServerProcess> _processes = new();

    public ScaleOutRig(ServerPostgresInstance pg)
    {
        ConnectionString = pg.CreateDatabase();
        Broker = MosquittoBroker.Start();
        Directory.CreateDirectory(DataDirectory);
    }

    public string ConnectionString { get; }
    public MosquittoBroker Broker { get; }
    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "doorctl-scale-" + Guid.NewGuid().ToString("N")[..8]);

    /// <summary>An in-process instance; the first one also administers controller identities.</summary>
    public ServerTestHost StartInProcess(string name)
    {
        var login = Broker.Admin.CreateServerInstance(name);
        var access = new BrokerAccess(Broker.Endpoint(login), _hosts.Count == 0 ? Broker.AdminEndpoint : null);
        var host = new ServerTestHost(o =>
        {
            o.DataDirectory = DataDirectory;
            o.Postgres = ConnectionString;
            o.Instance = name;
            o.AdminPassword = AdminPassword;
            o.Broker = access;
        });
        Assert.True(host.Host.Mqtt!.WaitConnected(TimeSpan.FromSeconds(10)), "instance " + name + " did not connect: " + Broker.LogText);
        _hosts.Add(host);
        return host;
    }

    /// <summary>Provisioning before the processes start: an instance without a broker on the same database.</summary>
    public ServerHost Provisioner() => ServerHost.Create(new ServerOptions
    {
        DataDirectory = DataDirectory, Port = 0, AdminPassword = AdminPassword, RunRetentionJob = false, Postgres = ConnectionString,
    });

    /// <summary>The doorctl-server executable as instance <paramref name="name"/>: broker settings in a 0600 file, the
    /// connection string in the environment (never on the command line).</summary>
    public ServerProcess StartProcess(string name)
    {
        string settings = Path.Combine(DataDirectory, "broker-" + name + ".json");
        if (!File.Exists(settings)) new BrokerAccess(Broker.Endpoint(Broker.Admin.CreateServerInstance(name)), null).Save(settings);
        var p = ServerProcess.Start("--data " + DataDirectory + " --port 0 --instance " + name + " --mqtt-config " + settings,
            new Dictionary<string, string> { ["DOORCTL_POSTGRES"] = ConnectionString, ["DOORCTL_ADMIN_PASSWORD"] = AdminPassword });
        _processes[name] = p;
        return p;
    }

    /// <summary>Waits for a process to print that it leads; returns the leader's name, or null.</summary>
    public string? WaitLeader(TimeSpan timeout, string? except = null)
    {
        var until = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < until)
        {
            foreach (var kv in _processes)
            {
                if (kv.Key != except && !kv.Value.HasExited && kv.Value.Output.Any(l => l.Contains("instance " + kv.Key + " is the leader"))) return kv.Key;
            }
            Thread.Sleep(20);
        }
        return null;
    }

    public ServerProcess Process(string name) => _processes[name];

    public Database OpenDatabase() => Database.OpenPostgres(ConnectionString);

    public void Dispose()
    {
        foreach (var p in _processes.Values) p.Dispose();
        foreach (var h in _hosts) h.Dispose();
        Broker.Dispose();
        try { Directory.Delete(DataDirectory, true); } catch (IOException) { }
    }
}

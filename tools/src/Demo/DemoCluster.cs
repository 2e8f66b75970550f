using DoorController.LocalBroker;
using DoorController.Server;
using DoorController.Server.Mqtt;

namespace DoorController.Demo;

/// <summary>
/// tools/demo --scale N: PostgreSQL 15 started as a user would (initdb, pg_ctl, createdb under the postgres user) and
/// N server instances on it, each with its own broker identity doorctl-server-NAME, sharing the controllers' requests
/// through the broker's shared subscription (docs/scaling.md). The first instance administers the broker's
/// identities and serves the page the demo prints; every instance serves the same admin API.
/// </summary>
public sealed class DemoCluster : IDisposable
{
    private readonly Timeline _t;
    private readonly MosquittoBroker _broker;
    private readonly string _root;
    private readonly string _password;
    private readonly int _count;
    private readonly LocalPostgres _pg;
    private readonly List<ServerHost> _hosts = new();

    private DemoCluster(Timeline t, MosquittoBroker broker, string root, string password, int count, LocalPostgres pg)
    {
        (_t, _broker, _root, _password, _count, _pg) = (t, broker, root, password, count, pg);
    }

    public static DemoCluster Start(Timeline t, MosquittoBroker broker, string root, string password, int count)
    {
        t.Progress("starting PostgreSQL 15 (initdb, pg_ctl and createdb as the postgres user, loopback only)");
        return new DemoCluster(t, broker, root, password, count, LocalPostgres.Start());
    }

    public string Urls => string.Join("  ", _hosts.Select(h => h.Options.Instance + "=" + h.Url));

    /// <summary>Instance a: migrates the database, creates the first admin, administers controller identities.</summary>
    public ServerHost StartFirst(int port) => Launch("a", port, admin: true);

    /// <summary>The other instances, once the first has set the database up.</summary>
    public void StartOthers()
    {
        for (int n = 1; n < _count; n++)
        {
            var host = Launch(((char)('a' + n)).ToString(), 0, admin: false);
            if (host.Mqtt == null || !host.Mqtt.WaitConnected(TimeSpan.FromSeconds(10))) throw new InvalidOperationException("instance " + host.Options.Instance + " did not connect");
        }
    }

    private ServerHost Launch(string name, int port, bool admin)
    {
        _t.Progress("starting server instance " + name + " (PostgreSQL, broker identity " + BrokerRoles.ServerInstanceUser(name) + ", shared subscription)");
        var login = _broker.Admin.CreateServerInstance(name);
        var host = ServerHost.Create(new ServerOptions
        {
            DataDirectory = Path.Combine(_root, "server"), // site key and master key shared, as docs/scaling.md says
            Port = port,
            AdminPassword = _password,
            Postgres = _pg.ConnectionString(),
            Instance = name,
            Broker = new BrokerAccess(_broker.Endpoint(login), admin ? _broker.AdminEndpoint : null),
        });
        host.Start();
        _hosts.Add(host);
        return host;
    }

    /// <summary>Who decided what, and who leads; verdicts: the work was shared, and exactly one instance leads.</summary>
    public void Report()
    {
        _t.Heading("Scale-out: " + _count + " instances on one PostgreSQL");
        foreach (var h in _hosts)
        {
            _t.Step("instance " + h.Options.Instance, h.Mqtt!.Decider.Decisions + " online decisions" + (h.Leader!.IsLeader ? ", leader (replay, retro review, bundles, retention)" : ""));
        }
        long deciders = _hosts.Count(h => h.Mqtt!.Decider.Decisions > 0);
        _t.Verdict("requests shared by the instances", deciders >= 2, deciders + " of " + _count + " instances took decisions");
        int leaders = _hosts.Count(h => h.Leader!.IsLeader);
        _t.Verdict("one leader", leaders == 1, leaders + " instance(s) lead");
    }

    public void Dispose()
    {
        foreach (var h in _hosts.Skip(1).Reverse()) h.Dispose(); // the first is the demo's server, disposed by it
        _pg.Dispose();
    }
}

using DoorController.LocalBroker;
using DoorController.Server;
using DoorController.Server.Mqtt;

namespace DoorController.Demo;

/// <summary>
/// tools/demo [--once] [--port N] [--scale N]: starts mosquitto, the management server (SQLite) and the Fig 8
/// building of virtual controllers running the real firmware, plays the scenarios with a readable timeline, then
/// leaves the admin page running (or, with --once, exits 0 only if every scenario ended as expected). With --scale N
/// (2-9) it starts PostgreSQL and N server instances on it instead, which share the controllers' requests through
/// the broker (docs/scaling.md), and reports who decided and who leads.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        bool once = args.Contains("--once");
        int port = 8080, scale = 1;
        int i = Array.IndexOf(args, "--port"), k = Array.IndexOf(args, "--scale");
        if (i >= 0 && (i + 1 >= args.Length || !int.TryParse(args[i + 1], out port))
            || k >= 0 && (k + 1 >= args.Length || !int.TryParse(args[k + 1], out scale) || scale < 2 || scale > 9))
        {
            Console.Error.WriteLine("usage: tools/demo [--once] [--port N] [--scale 2-9]");
            return 2;
        }
        string root = Path.Combine(Path.GetTempPath(), "doorctl-demo-" + Environment.ProcessId);
        Directory.CreateDirectory(root);
        var t = new Timeline();
        t.Progress("starting mosquitto on a free loopback port (TLS from a site CA, dynamic security: every client has its own identity)");
        using var broker = MosquittoBroker.Start();
        string password = "demo-" + Guid.NewGuid().ToString("N")[..8];
        using var cluster = scale > 1 ? DemoCluster.Start(t, broker, root, password, scale) : null;
        if (cluster == null) t.Progress("starting the management server (SQLite in " + root + ")");
        using var server = cluster == null ? ServerHost.Create(new ServerOptions
        {
            DataDirectory = Path.Combine(root, "server"),
            Port = once ? 0 : port,
            AdminPassword = password,
            Broker = BrokerAccess.Of(broker),
        }) : cluster.StartFirst(once ? 0 : port);
        if (cluster == null) server.Start();
        if (server.Mqtt == null || !server.Mqtt.WaitConnected(TimeSpan.FromSeconds(10)))
        {
            Console.Error.WriteLine("the server could not connect to mosquitto on port " + broker.Port + ": " + broker.LogText);
            return 1;
        }
        cluster?.StartOthers();
        using var guardDesk = new GuardTerminal(broker, "guard-desk");
        using var site = new DemoSite(server, root, broker);

        t.Heading("Setting up the building of Fig 8");
        site.Register(t);
        site.StartControllers(t);
        t.Progress("waiting for every controller to come online and install its signed cache bundle");
        var until = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < until && !site.Controllers.Values.All(vc => vc.Inspect(app => app.Link.IsOnline && app.Cache.Version > 0))) Thread.Sleep(50);
        foreach (var vc in site.Controllers.Values) t.Step(vc.Name, vc.Describe());

        new Scenarios(site, server, broker, t, guardDesk).RunAll();
        cluster?.Report();
        t.Summary();
        bool allPassed = t.Results.All(r => r.Passed);

        if (once)
        {
            try { Directory.Delete(root, true); } catch (IOException) { }
            return allPassed ? 0 : 1;
        }
        // The password goes to a file only this user can read, not to the terminal (a scrollback or a captured log).
        string passwordFile = Path.Combine(root, "admin-password");
        DoorController.Server.Storage.SecretFiles.WriteNew(passwordFile, password + "\n");
        Console.WriteLine();
        Console.WriteLine("Admin page: " + server.Url + "   (user admin, password in " + passwordFile + ")");
        if (cluster != null) Console.WriteLine("Every instance serves it: " + cluster.Urls);
        Console.WriteLine("The building keeps running; Ctrl-C to stop.");
        server.WaitForShutdown();
        return allPassed ? 0 : 1;
    }
}

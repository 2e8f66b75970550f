using DoorController.Config;
using DoorController.Hal.Host.Virtual;
using DoorController.LocalBroker;
using DoorController.Server;
using DoorController.Server.Mqtt;
using DoorController.Server.Services;
using DoorController.Server.Storage;
using DoorController.TestSupport;
using Xunit;

using static DoorController.Integration.Eventually;

namespace DoorController.Integration;

/// <summary>
/// The seams between controller and server, through the real broker, a real server and a virtual controller
/// running the firmware: nothing lost across a server crash, nothing doubled by the replay of online decisions.
/// </summary>
public sealed class SeamTests : IDisposable
{
    private static readonly List<WindowInput> Always = new() { new WindowInput(0xFF, 0, 1440) };
    private readonly MosquittoBroker _broker = MosquittoBroker.Start();
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "seams-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly string _flash;
    private VirtualController? _controller;
    private ServerProcess? _server;

    public SeamTests()
    {
        _flash = Path.Combine(_dir, "flash");
    }

    private sealed record Site(string Gate, string GateKey, BrokerLogin Login, int Door, int EntryReader, int ExitReader, string Alice, string Bob);

    /// <summary>A gate with an NFC entry reader and a keypad exit reader; Alice (card and PIN) and Bob (card).</summary>
    private Site Provision(ServerServices s, Database db)
    {
        DeviceRegistration registration = s.Devices.Register(new DeviceInput("Gate", "building entrance", "both", null, null, null, null));
        var (gate, key) = registration;
        // A server that administers the broker hands out the controller's identity; otherwise the test registers it.
        BrokerLogin login = registration.Broker ?? _broker.RegisterController(gate);
        string door = s.Devices.AddDoor(gate, "G1", null);
        string entry = s.Devices.AddReader(gate, new ReaderInput(door, "G1 entry", "entry", "outside", null, null));
        string exit = s.Devices.AddReader(gate, new ReaderInput(door, "G1 exit", "exit", "inside", null, null));
        var both = new List<PermissionInput> { new(entry, Always), new(exit, Always) };
        string alice = s.Users.Register(new UserInput("Alice", "employee", null, null, null, null, null,
            new List<CredentialInput> { new("nfc", "04A1B2C3"), new("pin", "135791") }, both));
        string bob = s.Users.Register(new UserInput("Bob", "employee", null, null, null, null, null,
            new List<CredentialInput> { new("nfc", "04B0B0B0") }, both));
        return new Site(gate, key, login, NumericIds.Of(db, door), NumericIds.Of(db, entry), NumericIds.Of(db, exit), alice, bob);
    }

    private VirtualController StartController(Site site)
    {
        var controller = new VirtualController("gate", _flash);
        var config = ProvisionedLink.For(_broker, site.Gate, site.GateKey, site.Login);
        (config.DoorId, config.NfcReaderId, config.WiegandReaderId) = (site.Door, site.EntryReader, site.ExitReader);
        (config.RelayPin, config.DoorContactPin, config.RexPin, config.LedPin, config.BuzzerPin) = (26, 27, 14, 2, 4);
        (config.WiegandD0Pin, config.WiegandD1Pin) = (32, 33);
        controller.Provision(config);
        controller.Start();
        WaitFor(() => controller.Inspect(app => app.Cache.Version) > 0, "the signed cache bundle to install");
        WaitFor(() => controller.Inspect(app => app.Link.IsOnline), "the link to come online");
        return controller;
    }


    private static string Decide(VirtualController controller, Action present)
    {
        int before = controller.Inspect(app => app.Flow.Decisions);
        present();
        WaitFor(() => controller.Inspect(app => app.Flow.Decisions) > before, "a decision");
        return controller.Inspect(app => app.Flow.LastOutcome);
    }

    [Fact]
    public void Server_Killed_Then_A_New_Badge_Right_After_The_Restart_Loses_No_Offline_Grant()
    {
        Site site;
        using (var setup = ServerHost.Create(new ServerOptions { DataDirectory = _dir, Port = 0, AdminPassword = "setup-password", RunRetentionJob = false }))
        {
            site = Provision(setup.Services, setup.Store.Db);
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _server = StartServerProcess();
        _controller = StartController(site);
        var db = Database.OpenSqlite(Path.Combine(_dir, "doorctl.db"));
        long Rows(string where) => db.QuerySingle("SELECT COUNT(*) AS n FROM access_log WHERE device_id = @g AND " + where,
            new { g = site.Gate, a = site.Alice, b = site.Bob })!.Long("n");

        Assert.Equal("granted (granted, online)", Decide(_controller, () => _controller.PresentCard("04A1B2C3")));

        // SIGKILL: the broker stays up, so the controller publishes its offline grant to nobody.
        _server.Dispose();
        Assert.Equal("granted (granted, offline)", Decide(_controller, () => _controller.PresentCard("04A1B2C3")));

        // Back at once, and Bob badges before the controller resends: his event overtakes Alice's lost one. (A fresh
        // server process may answer this first request past the controller's deadline: granted either way.)
        _server = StartServerProcess();
        Assert.StartsWith("granted", Decide(_controller, () => _controller.PresentCard("04B0B0B0")));

        WaitFor(() => _controller.Inspect(app => app.Journal.Depth) == 0, "every journal event to be acknowledged", 60);
        WaitFor(() => Rows("user_id = @a AND source = 'offline' AND retro_checked = 1") == 1, "Alice's offline grant stored and reviewed", 30);
        Assert.Equal(1, Rows("user_id = @a AND source = 'online'"));
        Assert.Equal(1, Rows("user_id = @b"));
        Assert.Equal(3, Rows("1 = 1"));
        // Entry, then an offline entry without an exit: the review re-ran anti-passback.
        var alert = db.QuerySingle("SELECT message FROM alerts WHERE kind = 'retro-fraud' AND user_id = @a", new { a = site.Alice });
        Assert.NotNull(alert);
        Assert.Contains("apb-entry-without-exit", alert!.Str("message"));
    }

    [Fact]
    public void A_Server_Restored_From_An_Older_Backup_Reports_The_Lost_Events_And_The_Journal_Does_Not_Stall()
    {
        Site site;
        using (var setup = ServerHost.Create(new ServerOptions { DataDirectory = _dir, Port = 0, AdminPassword = "setup-password", RunRetentionJob = false }))
        {
            site = Provision(setup.Services, setup.Store.Db);
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _server = StartServerProcess();
        _controller = StartController(site);
        Assert.Equal("granted (granted, online)", Decide(_controller, () => _controller.PresentCard("04A1B2C3")));
        WaitFor(() => _controller.Inspect(app => app.Journal.Depth) == 0, "the first passage acknowledged", 30);

        // The nightly backup: the server stopped, its database files copied.
        string backup = Path.Combine(_dir, "backup");
        Directory.CreateDirectory(backup);
        string[] files = { "doorctl.db", "doorctl.db-wal" };
        _server.Dispose();
        foreach (string f in files) if (File.Exists(Path.Combine(_dir, f))) File.Copy(Path.Combine(_dir, f), Path.Combine(backup, f));

        // A day of work the backup does not hold: acknowledged, so the controller trims it from its journal.
        _server = StartServerProcess();
        Assert.StartsWith("granted", Decide(_controller, () => _controller.PresentCard("04B0B0B0")));
        Assert.StartsWith("granted", Decide(_controller, () => _controller.TypePin("135791#")));
        WaitFor(() => _controller.Inspect(app => app.Journal.Depth) == 0, "the day's passages acknowledged", 60);

        // The disk fails; the backup is restored.
        _server.Dispose();
        foreach (string f in files.Append("doorctl.db-shm")) File.Delete(Path.Combine(_dir, f));
        foreach (string f in files) if (File.Exists(Path.Combine(backup, f))) File.Copy(Path.Combine(backup, f), Path.Combine(_dir, f));
        _server = StartServerProcess();
        Assert.StartsWith("granted", Decide(_controller, () => _controller.PresentCard("04B0B0B0")));

        WaitFor(() => _controller.Inspect(app => app.Journal.Depth) == 0, "the journal acknowledged by the restored server", 60);
        var db = Database.OpenSqlite(Path.Combine(_dir, "doorctl.db"));
        var lost = db.Query("SELECT device_id, message FROM alerts WHERE kind = 'history-lost'");
        Assert.Single(lost);
        Assert.Equal(site.Gate, lost[0].Str("device_id"));
    }

    [Fact]
    public void N_Online_Passages_Are_N_History_Rows_With_User_Method_And_Direction()
    {
        using var host = new ServerTestHost(_broker);
        Assert.True(host.Host.Mqtt!.WaitConnected(TimeSpan.FromSeconds(10)), "server did not connect to mosquitto");
        var site = Provision(host.Host.Services, host.Host.Store.Db);
        _controller = StartController(site);
        const int Passages = 6;
        for (int i = 0; i < Passages; i++)
        {
            string outcome = i % 2 == 0
                ? Decide(_controller, () => _controller.PresentCard("04A1B2C3"))
                : Decide(_controller, () => _controller.TypePin("135791#"));
            Assert.Equal("granted (granted, online)", outcome);
        }
        WaitFor(() => _controller.Inspect(app => app.Journal.Depth) == 0, "every journal event to be acknowledged", 30);
        var rows = host.Host.Store.Db.Query("SELECT user_id, method, direction, source, journal_id FROM access_log WHERE device_id = @g ORDER BY id", new { g = site.Gate });
        Assert.Equal(Passages, rows.Count);
        for (int i = 0; i < Passages; i++)
        {
            Assert.Equal(site.Alice, rows[i].Str("user_id"));
            Assert.Equal(i % 2 == 0 ? "nfc" : "pin", rows[i].Str("method"));
            Assert.Equal(i % 2 == 0 ? "entry" : "exit", rows[i].Str("direction"));
            Assert.Equal("online", rows[i].Str("source"));
            Assert.NotNull(rows[i].NLong("journal_id"));
        }
    }

    [Fact]
    public void Offline_Grants_At_Two_Readers_400_Km_Apart_Raise_Exactly_One_Impossible_Travel_Alert()
    {
        using var host = new ServerTestHost(_broker);
        Assert.True(host.Host.Mqtt!.WaitConnected(TimeSpan.FromSeconds(10)), "server did not connect to mosquitto");
        var s = host.Host.Services;
        var db = host.Host.Store.Db;
        // Tokyo station and Osaka station, about 400 km apart; each office its own area (no anti-passback between them).
        (string Device, string Key, BrokerLogin Login, string Door, string Reader) Office(string name, double lat, double lon)
        {
            string area = s.Devices.AddArea(name + " office");
            DeviceRegistration registration = s.Devices.Register(new DeviceInput(name, name + " office", "entry", area, null, lat, lon));
            var (device, key) = registration;
            string door = s.Devices.AddDoor(device, name + " door", area);
            string reader = s.Devices.AddReader(device, new ReaderInput(door, name + " entry", "entry", "outside", lat, lon));
            return (device, key, registration.Broker!, door, reader);
        }
        var tokyo = Office("Tokyo", 35.6812, 139.7671);
        var osaka = Office("Osaka", 34.7025, 135.4959);
        string alice = s.Users.Register(new UserInput("Alice", "employee", null, null, null, null, null, new List<CredentialInput> { new("nfc", "04A1B2C3") },
            new List<PermissionInput> { new(tokyo.Reader, Always), new(osaka.Reader, Always) }));
        VirtualController Start(string name, (string Device, string Key, BrokerLogin Login, string Door, string Reader) office)
        {
            var c = new VirtualController(name, Path.Combine(_dir, name));
            var config = ProvisionedLink.For(_broker, office.Device, office.Key, office.Login);
            (config.DoorId, config.NfcReaderId) = (NumericIds.Of(db, office.Door), NumericIds.Of(db, office.Reader));
            (config.RelayPin, config.DoorContactPin, config.RexPin, config.LedPin, config.BuzzerPin) = (26, 27, 14, 2, 4);
            c.Provision(config);
            c.Start();
            WaitFor(() => c.Inspect(app => app.Cache.Version) > 0 && c.Inspect(app => app.Link.IsOnline), name + " to sync and come online");
            return c;
        }
        using var inTokyo = Start("tokyo", tokyo);
        using var inOsaka = Start("osaka", osaka);

        _broker.Kill();
        WaitFor(() => !inTokyo.Inspect(app => app.Link.IsOnline) && !inOsaka.Inspect(app => app.Link.IsOnline), "both links to notice the outage");
        Assert.Equal("granted (granted, offline)", Decide(inTokyo, () => inTokyo.PresentCard("04A1B2C3")));
        Thread.Sleep(1100); // a later second: the two grants are ordered in time
        Assert.Equal("granted (granted, offline)", Decide(inOsaka, () => inOsaka.PresentCard("04A1B2C3")));

        _broker.Restart();
        long Pending() => db.QuerySingle("SELECT COUNT(*) AS n FROM access_log WHERE user_id = @a AND source = 'offline' AND retro_checked = 0", new { a = alice })!.Long("n");
        long Reviewed() => db.QuerySingle("SELECT COUNT(*) AS n FROM access_log WHERE user_id = @a AND source = 'offline' AND retro_checked = 1", new { a = alice })!.Long("n");
        WaitFor(() => Reviewed() == 2 && Pending() == 0, "both offline grants replayed and reviewed", 60);
        var alerts = s.Alerts.List(false, 50).Where(a => a.Str("kind") == "retro-fraud").ToList();
        Assert.Single(alerts);
        Assert.Contains("impossible-travel", alerts[0].Str("message"));
        Assert.Equal(alice, alerts[0].Str("user_id"));
        Assert.Equal(osaka.Reader, alerts[0].Str("reader_id"));
    }

    /// <summary>The server as its own process on this test's data directory, with the broker settings an operator gives it.</summary>
    private ServerProcess StartServerProcess()
    {
        string settings = Path.Combine(_dir, "broker.json");
        if (!File.Exists(settings)) BrokerAccess.Of(_broker).Save(settings);
        var server = ServerProcess.Start("--data " + _dir + " --port 0 --mqtt-config " + settings);
        Thread.Sleep(500); // "listening" is printed as the MQTT bridge starts; let it subscribe
        return server;
    }

    public void Dispose()
    {
        _controller?.Dispose();
        _server?.Dispose();
        _broker.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }
}

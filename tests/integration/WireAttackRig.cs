using DoorController.Config;
using DoorController.Hal.Host.Virtual;
using DoorController.LocalBroker;
using DoorController.Server;
using DoorController.Server.Mqtt;
using DoorController.Server.Services;
using DoorController.Server.Storage;
using DoorController.TestSupport;
using Xunit;

namespace DoorController.Integration;

/// <summary>
/// A building under attack, as a user would have it: mosquitto, the real management server (its data in a directory
/// that survives <see cref="StopServer"/>/<see cref="StartServer"/>), one virtual controller running the real firmware
/// at the gate, and an attacker with full broker access (<see cref="WireAttacker.WithFullBrokerAccess"/>).
/// People: Alice (always allowed), Dave (allowed for another 30 minutes), Carol (her access ended an hour ago).
/// </summary>
public sealed class WireAttackRig : IDisposable
{
    private static readonly List<WindowInput> Always = new() { new WindowInput(0xFF, 0, 1440) };
    private readonly string _data = Path.Combine(Path.GetTempPath(), "wire-attack-srv-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly string _flash = Path.Combine(Path.GetTempPath(), "wire-attack-dev-" + Guid.NewGuid().ToString("N")[..8]);

    private readonly Action<ServerOptions>? _configure;

    /// <param name="configure">Server options beyond the rig's own (kept across <see cref="StartServer"/>).</param>
    public WireAttackRig(Action<ServerOptions>? configure = null)
    {
        _configure = configure;
        Broker = MosquittoBroker.Start();
        StartServer();
        var s = Server!.Services;
        DeviceRegistration gate = s.Devices.Register(new DeviceInput("Gate", "building entrance", "both", null, null, null, null));
        (Gate, GateKey) = gate;
        Door = s.Devices.AddDoor(Gate, "G1", null);
        GateIn = s.Devices.AddReader(Gate, new ReaderInput(Door, "G1 entry", "both", "outside", null, null));
        long now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        Alice = s.Users.Register(new UserInput("Alice", "employee", null, null, null, null, null,
            new List<CredentialInput> { new("nfc", AliceCard) }, new List<PermissionInput> { new(GateIn, Always) }));
        Dave = s.Users.Register(new UserInput("Dave", "contractor", null, null, null, now - 86_400_000, now + 1_800_000,
            new List<CredentialInput> { new("nfc", DaveCard) }, new List<PermissionInput> { new(GateIn, Always) }));
        Carol = s.Users.Register(new UserInput("Carol", "contractor", null, null, null, now - 30L * 86_400_000, now - 3_600_000,
            new List<CredentialInput> { new("nfc", CarolCard) }, new List<PermissionInput> { new(GateIn, Always) }));

        Controller = new VirtualController("gate", _flash);
        var config = ProvisionedLink.For(Broker, gate);
        config.DoorId = Num(Door);
        config.NfcReaderId = Num(GateIn);
        (config.RelayPin, config.DoorContactPin, config.RexPin, config.LedPin, config.BuzzerPin) = (26, 27, 14, 2, 4);
        Controller.Provision(config);
        Controller.Start();
        WaitFor(() => Controller.Inspect(app => app.Link.IsOnline && app.Cache.Version > 0 && app.SiteClock.IsCertain), "the gate online with its cache and an authenticated clock", 20);
        Attacker = WireAttacker.WithFullBrokerAccess(Broker);
    }

    public const string AdminPassword = "attack-test-password";
    public const string AliceCard = "04A1B2C3", DaveCard = "04D0D0D0", CarolCard = "04C0C0C0";

    public MosquittoBroker Broker { get; }
    public ServerHost? Server { get; private set; }
    public VirtualController Controller { get; }
    public WireAttacker Attacker { get; }
    public string Gate { get; }
    public string GateKey { get; }
    public string Door { get; }
    public string GateIn { get; }
    public string Alice { get; }
    public string Dave { get; }
    public string Carol { get; }
    public DoorController.Contract.LinkTopics Topics => Controller.Inspect(app => app.Link.Topics);

    public void StartServer()
    {
        var options = new ServerOptions { DataDirectory = _data, Port = 0, AdminPassword = AdminPassword, RunRetentionJob = false, Broker = BrokerAccess.Of(Broker) };
        _configure?.Invoke(options);
        Server = ServerHost.Create(options);
        Server.Start();
        Assert.True(Server.Mqtt!.WaitConnected(TimeSpan.FromSeconds(10)), "server did not connect to mosquitto");
    }

    /// <summary>The server goes away (its data stays): nobody answers or acknowledges the controller.</summary>
    public void StopServer()
    {
        Server!.Dispose();
        Server = null;
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    public Database Db => Server!.Store.Db;

    public int Num(string id) => NumericIds.Of(Db, id);

    public long Rows(string where, object? args = null) => Db.QuerySingle("SELECT COUNT(*) AS n FROM access_log WHERE device_id = '" + Gate + "' AND " + where, args)!.Long("n");

    public static void WaitFor(Func<bool> condition, string what, int seconds = 15)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        while (DateTime.UtcNow < until && !condition()) Thread.Sleep(20);
        Assert.True(condition(), "timed out waiting for " + what);
    }

    /// <summary>Presents a card and returns the outcome; <paramref name="unlocked"/> tells whether the relay released
    /// at any moment from the presentation until <paramref name="watchAfterMilliseconds"/> after the decision.</summary>
    public string Present(string uid, out bool unlocked, int watchAfterMilliseconds = 300)
    {
        int before = Controller.Inspect(app => app.Flow.Decisions);
        unlocked = false;
        Controller.PresentCard(uid);
        var until = DateTime.UtcNow.AddSeconds(10);
        DateTime? decided = null;
        while (DateTime.UtcNow < until && (decided == null || DateTime.UtcNow < decided.Value.AddMilliseconds(watchAfterMilliseconds)))
        {
            unlocked |= Controller.LockIsUnlocked;
            if (decided == null && Controller.Inspect(app => app.Flow.Decisions) > before) decided = DateTime.UtcNow;
            Thread.Sleep(1);
        }
        Assert.True(decided != null, "no decision for " + uid);
        return Controller.Inspect(app => app.Flow.LastOutcome);
    }

    public string Present(string uid) => Present(uid, out _);

    public void Dispose()
    {
        Attacker.Dispose();
        Controller.Dispose();
        Server?.Dispose();
        Broker.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_data, true); } catch (IOException) { }
        try { Directory.Delete(_flash, true); } catch (IOException) { }
    }
}

using DoorController.Config;
using DoorController.Hal.Host.Virtual;
using DoorController.LocalBroker;
using DoorController.Server.Services;
using DoorController.Server.Storage;
using Xunit;

using DoorController.TestSupport;

using static DoorController.Integration.Eventually;

namespace DoorController.Integration;

/// <summary>
/// Duress codes and one-time keys through the real firmware (a VirtualController with card reader and keypad), the
/// real server and mosquitto: a duress code opens the door exactly like the normal code online and offline, and the
/// guards learn of the offline one when the journal is replayed; a one-time code used offline stays spent across a
/// controller restart, and once replayed the server refuses it everywhere.
/// </summary>
public sealed class KeyTypeEndToEndTests : IDisposable
{
    private static readonly List<WindowInput> Always = new() { new WindowInput(0xFF, 0, 1440) };
    private readonly MosquittoBroker _broker = MosquittoBroker.Start();
    private readonly ServerTestHost _server;
    private readonly ServerServices _s;
    private readonly string _gate, _door, _reader, _dave;
    private readonly string _flash = Path.Combine(Path.GetTempPath(), "keys-" + Guid.NewGuid().ToString("N"));
    private readonly VirtualController _controller;

    public KeyTypeEndToEndTests()
    {
        _server = new ServerTestHost(_broker);
        _s = _server.Host.Services;
        DeviceRegistration gate = _s.Devices.Register(new DeviceInput("Gate", "back door", "both", null, null, null, null));
        _gate = gate.Id;
        _door = _s.Devices.AddDoor(_gate, "Back door", null);
        _reader = _s.Devices.AddReader(_gate, new ReaderInput(_door, "Keypad", "both", "outside", null, null));
        _dave = _s.Users.Register(new UserInput("Dave", "employee", null, null, null, null, null,
            new List<CredentialInput> { new("pin", "1357"), new("pin", "1358", Duress: true) }, new List<PermissionInput> { new(_reader, Always) }));
        _s.Settings.SetPolicy("employee", false); // a back door used in both directions all day: no anti-passback verdicts here

        _controller = new VirtualController("gate", _flash);
        var config = ProvisionedLink.For(_broker, gate);
        config.DoorId = Num(_door);
        config.NfcReaderId = config.WiegandReaderId = config.QrReaderId = Num(_reader);
        BoardPins.DevKitC.ApplyTo(config);
        _controller.Provision(config);
        _controller.Start();
        WaitFor(() => _controller.Inspect(app => app.Cache.Version) > 0, "the signed cache bundle to install");
        WaitFor(() => _controller.Inspect(app => app.Link.IsOnline), "the link to come online");
    }

    private int Num(string id) => NumericIds.Of(_server.Host.Store.Db, id);


    private string Type(string code)
    {
        string outcome = DecisionAt.After(_controller, c => c.TypePin(code + "#"));
        WaitFor(() => !_controller.LockIsUnlocked, "the door to relock", 15);
        return outcome;
    }

    private void Outage()
    {
        _broker.Kill();
        WaitFor(() => !_controller.Inspect(app => app.Link.IsOnline), "the link to notice the outage");
    }

    private List<Row> Duress() => _s.Alerts.List(false, 50).Where(a => a.Str("kind") == "duress").ToList();

    [Fact]
    public void Duress_Code_Opens_Like_The_Normal_Code_And_The_Offline_One_Reaches_The_Guards_On_Replay()
    {
        Assert.Equal("granted (granted, online)", Type("1357"));
        Assert.Empty(Duress());
        Assert.Equal("granted (granted, online)", Type("1358"));
        WaitFor(() => Duress().Count == 1, "the online duress alert");

        Outage();
        Assert.Equal("granted (granted, offline)", Type("1357"));
        Assert.Equal("granted (granted, offline)", Type("1358"));
        _broker.Restart();
        WaitFor(() => _controller.Inspect(app => app.Journal.Depth) == 0, "the journal to be acknowledged", 40);
        WaitFor(() => Duress().Count == 2, "the replayed duress alert", 20);
        var replayed = Duress().First();
        Assert.Contains("offline", replayed.Str("message"));
        Assert.Equal(_dave, replayed.Str("user_id"));
        Assert.Equal("critical", replayed.Str("severity"));
    }

    [Fact]
    public void One_Time_Code_Used_Offline_Stays_Spent_Across_A_Restart_And_Everywhere_Once_Replayed()
    {
        var (_, code) = _s.Passes.IssueDeliveryCode("parcel", DateTimeOffset.UtcNow.AddHours(2).ToUnixTimeMilliseconds(), new List<string> { _reader });
        uint before = _controller.Inspect(app => app.Cache.Version);
        WaitFor(() => _controller.Inspect(app => app.Cache.Version) > before, "the bundle with the code");
        Outage();
        Assert.Equal("granted (granted, offline)", Type(code));
        _controller.Reboot();
        WaitFor(() => _controller.Inspect(app => app.Cache.Version) > 0 && _controller.Inspect(app => app.Flow.Decisions) == 0, "the controller to restart");
        Assert.Equal("denied (uses-exhausted, offline)", Type(code));
        _broker.Restart();
        WaitFor(() => _server.Host.Store.Db.QuerySingle("SELECT COUNT(*) AS n FROM credentials WHERE one_time = 1 AND used_at IS NOT NULL")!.Long("n") == 1,
            "the offline use to reach the server", 40);
        WaitFor(() => _controller.Inspect(app => app.Link.IsOnline), "the link to come back");
        Assert.Equal("denied (unknown-credential, online)", Type(code));
    }

    public void Dispose()
    {
        _controller.Dispose();
        _server.Dispose();
        _broker.Dispose();
        try { Directory.Delete(_flash, true); } catch (IOException) { }
    }
}

using DoorController.Config;
using DoorController.Hal.Host.Virtual;
using DoorController.LocalBroker;
using DoorController.Server.Services;
using DoorController.Server.Storage;
using Xunit;

using DoorController.TestSupport;
using static DoorController.TestSupport.ServerTestHost;

using static DoorController.Integration.Eventually;

namespace DoorController.Integration;

/// <summary>
/// Interlock (mantrap) through the real firmware (a VirtualController driving two doors), the real server and
/// mosquitto: a card at the inner door while the outer door is open is refused online with reason "interlock",
/// recorded so in the server's history; once the outer door is closed the same card is granted. The controller puts
/// the other door's state in its request; the server's decision core refuses; the door layer would refuse again.
/// </summary>
public sealed class InterlockEndToEndTests : IDisposable
{
    private const string Card = "04B7B7B7";
    private static readonly List<WindowInput> Always = new() { new WindowInput(0xFF, 0, 1440) };
    private readonly MosquittoBroker _broker = MosquittoBroker.Start();
    private readonly ServerTestHost _server;
    private readonly ServerServices _s;
    private readonly HttpClient _admin;
    private readonly string _gate, _outer, _inner;
    private readonly string _flash = Path.Combine(Path.GetTempPath(), "interlock-" + Guid.NewGuid().ToString("N"));
    private readonly VirtualController _controller;

    public InterlockEndToEndTests()
    {
        _server = new ServerTestHost(_broker);
        _s = _server.Host.Services;
        _admin = _server.SignedIn();
        DeviceRegistration gate = _s.Devices.Register(new DeviceInput("Sally port", "lobby", "both", null, null, null, null));
        _gate = gate.Id;
        string outer = _outer = _s.Devices.AddDoor(_gate, "Outer door", null, 3000);
        string inner = _inner = _s.Devices.AddDoor(_gate, "Inner door", null, 3000);
        string outerReader = _s.Devices.AddReader(_gate, new ReaderInput(outer, "Outer", "entry", "outside", null, null));
        string innerReader = _s.Devices.AddReader(_gate, new ReaderInput(inner, "Inner", "entry", "outside", null, null));
        _s.Users.Register(new UserInput("Grace", "employee", null, null, null, null, null,
            new List<CredentialInput> { new("nfc", Card) }, new List<PermissionInput> { new(outerReader, Always), new(innerReader, Always) }));
        _s.Settings.SetPolicy("employee", false); // entries one after the other: no anti-passback verdicts here

        _controller = new VirtualController("sally", _flash);
        var config = ProvisionedLink.For(_broker, gate);
        BoardPins.DevKitC.ApplyTo(config);
        config.DoorId = Num(outer);
        config.Door2Id = Num(inner);
        config.Door2RelayPin = 21; // free on the DevKitC with the NFC reader on SPI (docs/wiring.md)
        config.Door2ContactPin = 36;
        config.Door2RexPin = 39;
        config.Interlock = true;
        config.NfcReaderId = Num(innerReader); // the NFC reader is the inner door's
        _controller.Provision(config);
        _controller.Start();
        WaitFor(() => _controller.Inspect(app => app.Cache.Version) > 0 && _controller.Inspect(app => app.Link.IsOnline), "the controller to sync and come online");
    }

    private int Num(string id) => NumericIds.Of(_server.Host.Store.Db, id);

    private string Badge() => DecisionAt.Card(_controller, Card);

    [Fact]
    public void A_Card_At_The_Inner_Door_While_The_Outer_Is_Open_Is_Refused_With_Interlock_Then_Granted()
    {
        _controller.OpenDoor(1);
        WaitFor(() => _controller.Inspect(app => app.Door.IsOpen), "the outer door to read open");
        Assert.Equal("denied (interlock, online)", Badge());
        Assert.False(_controller.IsUnlocked(2));
        var history = Parse(_admin.GetAsync("/api/history?limit=10").Result).GetProperty("rows").EnumerateArray().ToList();
        Assert.Contains(history, r => r.GetProperty("reason").GetString() == "interlock" && !r.GetProperty("granted").GetBoolean());

        _controller.CloseDoor(1);
        WaitFor(() => !_controller.Inspect(app => app.Door.IsOpen), "the outer door to read closed");
        Assert.Equal("granted (granted, online)", Badge());
        WaitFor(() => _controller.IsUnlocked(2), "the inner door to unlock");
        Assert.False(_controller.IsUnlocked(1), "never both");

        // Inner door unlocked: the outer door's exit button is refused and the refusal reaches the server.
        _controller.PressExit(1);
        Thread.Sleep(200);
        _controller.ReleaseExit(1);
        Assert.False(_controller.IsUnlocked(1));
        WaitFor(() => _server.Host.Store.Db.QuerySingle("SELECT COUNT(*) AS n FROM device_events WHERE device_id = @d AND type = 'interlock_refused'",
            new { d = _gate })!.Long("n") == 1, "the interlock_refused event at the server", 20);
    }

    /// <summary>The doors API's row of one door.</summary>
    private System.Text.Json.JsonElement Live(string door) =>
        Parse(_admin.GetAsync("/api/live/doors").Result).EnumerateArray().First(d => d.GetProperty("doorId").GetString() == door);

    private static string? Text(System.Text.Json.JsonElement row, string field) =>
        row.GetProperty(field).ValueKind == System.Text.Json.JsonValueKind.String ? row.GetProperty(field).GetString() : null;

    [Fact]
    public void The_Second_Doors_Contact_Lock_And_Mode_Reach_The_Doors_Api_At_That_Door_And_Commands_Naming_It_Act_On_It_Alone()
    {
        WaitFor(() => Live(_inner).GetProperty("controllerDoor").ValueKind == System.Text.Json.JsonValueKind.Number
            && Text(Live(_inner), "door") == "closed" && Text(Live(_inner), "lock") == "locked", "the inner door's state in the API");
        Assert.Equal(2, Live(_inner).GetProperty("controllerDoor").GetInt32());
        Assert.Equal(1, Live(_outer).GetProperty("controllerDoor").GetInt32());

        // Door 2 opened without a grant: forced at the inner door, the outer door still closed.
        _controller.OpenDoor(2);
        WaitFor(() => Text(Live(_inner), "door") == "forced", "the inner door reported forced");
        Assert.Equal("closed", Text(Live(_outer), "door"));
        _controller.CloseDoor(2);
        WaitFor(() => Text(Live(_inner), "door") == "closed", "the inner door reported closed");

        // The existing command endpoint, naming door 2: only door 2 unlocks, and the API shows it.
        var sent = _admin.PostAsync("/api/devices/" + _gate + "/commands", Json(new { command = "unlock", doorId = _inner })).Result;
        Assert.True(sent.IsSuccessStatusCode, sent.Content.ReadAsStringAsync().Result);
        WaitFor(() => _controller.IsUnlocked(2), "the inner door to unlock");
        Assert.False(_controller.IsUnlocked(1));
        WaitFor(() => Text(Live(_inner), "lock") == "unlocked", "the inner door reported unlocked");
        Assert.Equal("locked", Text(Live(_outer), "lock"));

        // A lockdown naming door 2 locks down door 2 alone, and each door shows its own mode.
        sent = _admin.PostAsync("/api/devices/" + _gate + "/commands", Json(new { command = "lockdown", doorId = _inner })).Result;
        Assert.True(sent.IsSuccessStatusCode, sent.Content.ReadAsStringAsync().Result);
        WaitFor(() => Text(Live(_inner), "mode") == "lockdown", "the inner door reported in lockdown");
        Assert.Equal("normal", Text(Live(_outer), "mode"));
    }

    public void Dispose()
    {
        _controller.Dispose();
        _admin.Dispose();
        _server.Dispose();
        _broker.Dispose();
        try { Directory.Delete(_flash, true); } catch (IOException) { }
    }
}

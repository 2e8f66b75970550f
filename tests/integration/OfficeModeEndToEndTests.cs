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
/// First-person-in through the real firmware (a VirtualController), the real server and mosquitto, configured through
/// the authorised API: a designated person's entry during the door's office-mode window holds the door unlocked, the
/// window's end relocks it, a lockdown overrides it and its end does not reopen the door; anyone else's entry is an
/// ordinary grant. The door's office_mode events reach the server and its office-mode page. The server's clock is
/// set by hand (the controller takes its time from the server), so a window can end a few seconds into the test.
/// </summary>
public sealed class OfficeModeEndToEndTests : IDisposable
{
    private const string ErinCard = "04E1E1E1";
    private const string FrankCard = "04F2F2F2";
    private static readonly List<WindowInput> Always = new() { new WindowInput(0xFF, 0, 1440) };
    private readonly MosquittoBroker _broker = MosquittoBroker.Start();
    private readonly ServerManualTime _time;
    private readonly ServerTestHost _server;
    private readonly ServerServices _s;
    private readonly HttpClient _admin;
    private readonly string _gate, _door, _erin;
    private readonly string _flash = Path.Combine(Path.GetTempPath(), "office-" + Guid.NewGuid().ToString("N"));
    private readonly VirtualController _controller;

    public OfficeModeEndToEndTests()
    {
        // The server's clock stands at 17:59:35 in Tokyo (the site's default zone): 25 s before the end of the
        // office-mode window 08:00-18:00. It stays there: the controller's clock and the commands' issued-at follow it.
        var today = DateTimeOffset.UtcNow.UtcDateTime.Date;
        _time = new ServerManualTime(new DateTimeOffset(today, TimeSpan.Zero).AddHours(9).AddSeconds(-25)); // 18:00 JST = 09:00 UTC
        _server = new ServerTestHost(_broker, o => o.Time = _time);
        _s = _server.Host.Services;
        _admin = _server.SignedIn();
        DeviceRegistration gate = _s.Devices.Register(new DeviceInput("Gate", "front", "both", null, null, null, null));
        _gate = gate.Id;
        _door = _s.Devices.AddDoor(_gate, "Front door", null, 1000);
        string reader = _s.Devices.AddReader(_gate, new ReaderInput(_door, "Front", "entry", "outside", null, null));
        _erin = _s.Users.Register(new UserInput("Erin", "employee", null, null, null, null, null,
            new List<CredentialInput> { new("nfc", ErinCard) }, new List<PermissionInput> { new(reader, Always) }));
        _s.Users.Register(new UserInput("Frank", "employee", null, null, null, null, null,
            new List<CredentialInput> { new("nfc", FrankCard) }, new List<PermissionInput> { new(reader, Always) }));
        _s.Settings.SetPolicy("employee", false); // entries only, one after the other: no anti-passback verdicts here

        Ok(_admin.PutAsync("/api/doors/" + _door + "/office-mode", Json(new { windows = new[] { new { days = 255, start = 8 * 60, end = 18 * 60 } } })).Result);
        Ok(_admin.PutAsync("/api/users/" + _erin + "/office-mode", Json(new { officeMode = true })).Result);

        _controller = new VirtualController("gate", _flash);
        var config = ProvisionedLink.For(_broker, gate);
        (config.DoorId, config.NfcReaderId) = (Num(_door), Num(reader));
        BoardPins.DevKitC.ApplyTo(config);
        _controller.Provision(config);
        _controller.Start();
        WaitFor(() => _controller.Inspect(app => app.Cache.Version) > 0 && _controller.Inspect(app => app.Link.IsOnline), "the controller to sync and come online");
    }

    private int Num(string id) => NumericIds.Of(_server.Host.Store.Db, id);

    private static void Ok(HttpResponseMessage res) => Assert.True(res.IsSuccessStatusCode, res.StatusCode + ": " + res.Content.ReadAsStringAsync().Result);


    private string Badge(string card) => DecisionAt.Card(_controller, card);

    /// <summary>The door's office_mode events as the server's office-mode page lists them, oldest first.</summary>
    private List<string> OfficeEvents()
    {
        var page = Parse(_admin.GetAsync("/api/doors/" + _door + "/office-mode").Result);
        var list = page.GetProperty("events").EnumerateArray()
            .Select(e => e.GetProperty("state").GetString() + (e.GetProperty("end").ValueKind == System.Text.Json.JsonValueKind.String ? ":" + e.GetProperty("end").GetString() : ""))
            .ToList();
        list.Reverse();
        return list;
    }

    [Fact]
    public void Designated_Entry_Holds_The_Door_Unlocked_Until_The_Window_Ends_And_Others_Get_An_Ordinary_Grant()
    {
        Assert.Equal("granted (granted, online)", Badge(FrankCard));
        Thread.Sleep(2500);
        Assert.False(_controller.LockIsUnlocked, "Frank is not designated: the door relocks after its 1 s");

        Assert.Equal("granted (granted, online)", Badge(ErinCard));
        Assert.True(_controller.Inspect(app => app.Door.InOfficeMode));
        Thread.Sleep(4000);
        Assert.True(_controller.LockIsUnlocked, "office mode holds the door well past its 1 s unlock");

        WaitFor(() => !_controller.LockIsUnlocked, "the window's end (18:00) to relock the door", 30);
        Assert.False(_controller.Inspect(app => app.Door.InOfficeMode));
        WaitFor(() => OfficeEvents().Count == 2, "the office_mode start and end to reach the server", 20);
        Assert.Equal(new[] { "started", "ended:window-ended" }, OfficeEvents());
        var seconds = Parse(_admin.GetAsync("/api/doors/" + _door + "/office-mode").Result).GetProperty("events")[1].GetProperty("seconds").GetInt64();
        Assert.Equal(25, seconds); // decided on the server's clock, 17:59:35: 25 s to 18:00
    }

    [Fact]
    public void Lockdown_Overrides_Office_Mode_And_Its_End_Leaves_The_Door_Locked_Until_The_Next_Designated_Entry()
    {
        Assert.Equal("granted (granted, online)", Badge(ErinCard));
        Thread.Sleep(2500);
        Assert.True(_controller.LockIsUnlocked);

        _s.Commands.Issue(_gate, _door, "lockdown", "admin");
        WaitFor(() => !_controller.LockIsUnlocked, "the lockdown to lock the door");
        Assert.Equal("granted (granted, online) but the door is in lockdown", Badge(ErinCard));
        Assert.False(_controller.LockIsUnlocked, "no office mode while in lockdown");
        _s.Commands.Issue(_gate, _door, "normal", "admin");
        WaitFor(() => _controller.Inspect(app => app.Door.Mode) == DoorController.Door.DoorMode.Normal, "the lockdown to end");
        Thread.Sleep(2500);
        Assert.False(_controller.LockIsUnlocked, "the lockdown's end does not reopen the door (the window holds 15 s more)");

        Assert.Equal("granted (granted, online)", Badge(ErinCard));
        Thread.Sleep(2500);
        Assert.True(_controller.LockIsUnlocked, "the next designated entry starts office mode again");
        WaitFor(() => OfficeEvents().Count == 3, "the office_mode events to reach the server", 20);
        Assert.Equal(new[] { "started", "ended:lockdown", "started" }, OfficeEvents());
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

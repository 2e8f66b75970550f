using System.Net;
using System.Text.Json;
using DoorController.LocalBroker;
using DoorController.Server.Services;
using DoorController.Server.Storage;
using Xunit;
using static DoorController.TestSupport.ServerTestHost;

using DoorController.TestSupport;

namespace DoorController.ServerTests;

/// <summary>
/// The read and write paths behind the manager's console: who is inside with nesting and amnesty (the online
/// decider forgets too), a person's page and its edits, the policy table of Fig 9A, and alerts with their routes
/// and notes. History has its own class (<see cref="HistoryApiTests"/>).
/// </summary>
public sealed class ConsoleApiTests : IDisposable
{
    private static readonly List<WindowInput> Always = new() { new WindowInput(0xFF, 0, 1440) };
    private readonly MosquittoBroker _broker = MosquittoBroker.Start();
    private readonly ServerTestHost _server;
    private readonly ServerServices _s;
    private readonly HttpClient _admin, _guard;
    private readonly string _building, _office, _room, _gate, _officeDevice, _gateDoor, _officeDoor, _gateIn, _gateOut, _officeIn, _officeOut, _alice;
    private readonly DeviceRegistration _gateRegistration, _officeRegistration;

    public ConsoleApiTests()
    {
        _server = new ServerTestHost(_broker);
        _s = _server.Host.Services;
        _admin = _server.SignedIn();
        _s.Admins.Create("desk", "desk-password-1", "guard");
        _guard = _server.SignedIn("desk", "desk-password-1");
        _building = _s.Devices.AddArea("Building");
        _office = _s.Devices.AddArea("Office", _building);
        _room = _s.Devices.AddArea("Room 7", _office);
        _gateRegistration = _s.Devices.Register(new DeviceInput("Gate", "entrance", "both", _building, null, null, null));
        _officeRegistration = _s.Devices.Register(new DeviceInput("Office door", "2F", "both", _office, null, null, null));
        (_gate, _officeDevice) = (_gateRegistration.Id, _officeRegistration.Id);
        _gateDoor = _s.Devices.AddDoor(_gate, "G1", _building);
        _officeDoor = _s.Devices.AddDoor(_officeDevice, "G2", _office);
        _gateIn = _s.Devices.AddReader(_gate, new ReaderInput(_gateDoor, "G1 in", "entry", null, null, null));
        _gateOut = _s.Devices.AddReader(_gate, new ReaderInput(_gateDoor, "G1 out", "exit", null, null, null));
        _officeIn = _s.Devices.AddReader(_officeDevice, new ReaderInput(_officeDoor, "G2 in", "entry", null, null, null));
        _officeOut = _s.Devices.AddReader(_officeDevice, new ReaderInput(_officeDoor, "G2 out", "exit", null, null, null));
        _alice = _s.Users.Register(new UserInput("Alice", "employee", "engineer", null, null, null, null, new List<CredentialInput> { new("nfc", "04A1B2C3") },
            new[] { _gateIn, _gateOut, _officeIn, _officeOut }.Select(r => new PermissionInput(r, Always)).ToList()));
    }

    private int Num(string id) => NumericIds.Of(_server.Host.Store.Db, id);
    private static long Now => DateTimeOffset.UtcNow.ToUnixTimeSeconds();
    private long Version(string device) => _server.Host.Store.Db.QuerySingle("SELECT cache_version FROM devices WHERE id = @d", new { d = device })!.Long("cache_version");

    private static void AssertStatus(HttpResponseMessage res, HttpStatusCode status, string? part = null)
    {
        string body = res.Content.ReadAsStringAsync().Result;
        Assert.True(res.StatusCode == status, (int)res.StatusCode + " " + body);
        if (part != null) Assert.Contains(part, body);
    }

    private static JsonElement Area(JsonElement tree, string id) => tree.GetProperty("areas").EnumerateArray().Single(a => a.GetProperty("id").GetString() == id);

    [Fact]
    public void Who_Is_Inside_Follows_Nesting_And_Amnesty_Is_Recorded_And_Forgotten_By_The_Decider()
    {
        using var gate = new ServerMqttController(_broker, _gateRegistration);
        using var office = new ServerMqttController(_broker, _officeRegistration);
        string card = _s.Context.Hasher.Hash("nfc", "04A1B2C3");
        Assert.True(gate.Decide(Num(_gateIn), "nfc", card, Now).Granted);
        Assert.True(office.Decide(Num(_officeIn), "nfc", card, Now).Granted);

        var tree = Parse(_guard.GetAsync("/api/presence/areas").Result);
        var alice = tree.GetProperty("people").EnumerateArray().Single();
        Assert.Equal(_office, alice.GetProperty("areaId").GetString());
        Assert.Equal("nfc", alice.GetProperty("method").GetString());
        Assert.Equal("G2 in", alice.GetProperty("readerName").GetString());
        Assert.Equal(1, Area(tree, _building).GetProperty("total").GetInt32()); // the office is inside the building
        Assert.Equal(0, Area(tree, _building).GetProperty("here").GetInt32());
        Assert.Equal(1, Area(tree, _office).GetProperty("here").GetInt32());
        Assert.Equal(0, Area(tree, _room).GetProperty("total").GetInt32());

        // Leaving the office puts her back in the building, not outside.
        Assert.True(office.Decide(Num(_officeOut), "nfc", card, Now).Granted);
        tree = Parse(_guard.GetAsync("/api/presence/areas").Result);
        Assert.Equal(_building, tree.GetProperty("people")[0].GetProperty("areaId").GetString());

        // She went out through a fire door: the gate refuses her coming back in (anti-passback) until an amnesty.
        var refused = gate.Decide(Num(_gateIn), "nfc", card, Now);
        Assert.Equal("apb-entry-without-exit", refused.Reason);
        AssertStatus(_guard.PostAsync("/api/presence/amnesty", Json(new { userId = _alice, note = "fire drill" })).Result, HttpStatusCode.Forbidden);
        AssertStatus(_admin.PostAsync("/api/presence/amnesty", Json(new { userId = _alice })).Result, HttpStatusCode.BadRequest, "note is required");
        AssertStatus(_admin.PostAsync("/api/presence/amnesty", Json(new { userId = _alice, areaId = _building, note = "x" })).Result, HttpStatusCode.BadRequest, "either");
        var done = Parse(_admin.PostAsync("/api/presence/amnesty", Json(new { userId = _alice, note = "left by the fire door during the drill" })).Result);
        Assert.Equal(1, done.GetProperty("forgotten").GetInt32());
        Assert.Empty(Parse(_guard.GetAsync("/api/presence/areas").Result).GetProperty("people").EnumerateArray());
        Assert.True(gate.Decide(Num(_gateIn), "nfc", card, Now).Granted);
        var log = Parse(_admin.GetAsync("/api/presence/amnesties").Result);
        Assert.Equal("left by the fire door during the drill", log[0].GetProperty("note").GetString());
        Assert.Equal("admin", log[0].GetProperty("grantedBy").GetString());
        Assert.Contains(_server.Host.Store.Db.Query("SELECT r.detail FROM audit_log a JOIN audit_results r ON r.audit_id = a.id WHERE a.action LIKE '%amnesty%'"),
            r => (r.Str("detail") ?? "").Contains("fire door"));

        // An area's amnesty forgives everyone the records put inside it, nested areas included.
        Assert.True(office.Decide(Num(_officeIn), "nfc", card, Now).Granted);
        Assert.Equal(0, Parse(_admin.PostAsync("/api/presence/amnesty", Json(new { areaId = _room, note = "nobody there" })).Result).GetProperty("forgotten").GetInt32());
        Assert.Equal(1, Parse(_admin.PostAsync("/api/presence/amnesty", Json(new { areaId = _building, note = "evacuation over" })).Result).GetProperty("forgotten").GetInt32());
        Assert.True(office.Decide(Num(_officeIn), "nfc", card, Now).Granted, "forgotten, so a second entry is a first one");
    }

    [Fact]
    public void A_Persons_Page_Shows_Everything_About_Them_And_Its_Edits_Reach_The_Controllers()
    {
        string host = _s.Users.Register(new UserInput("Hiro", "employee", null, null, null, null, null, null, null));
        _s.Users.AddSchedule(_alice, "customer visit", "Osaka branch", _s.Context.NowMs, _s.Context.NowMs + 3_600_000, 34.70, 135.49);
        string route = _s.Users.AddRoute(_alice, _gateIn, "mqtt", "dc/v1/term/desk", "fraud");
        var p = Parse(_admin.GetAsync("/api/users/" + _alice + "/profile").Result);
        Assert.Equal("engineer", p.GetProperty("user").GetProperty("title").GetString());
        Assert.Equal("nfc", p.GetProperty("credentials")[0].GetProperty("method").GetString());
        Assert.Equal(4, p.GetProperty("permissions").GetArrayLength());
        Assert.Equal("G1", p.GetProperty("permissions").EnumerateArray().First(x => x.GetProperty("readerId").GetString() == _gateIn).GetProperty("doorName").GetString());
        Assert.Equal("Osaka branch", p.GetProperty("schedules")[0].GetProperty("location").GetString());
        Assert.Equal("dc/v1/term/desk", p.GetProperty("routes")[0].GetProperty("target").GetString());
        Assert.DoesNotContain("hash", p.ToString());
        AssertStatus(_guard.GetAsync("/api/users/" + _alice + "/profile").Result, HttpStatusCode.Forbidden);

        long gateBefore = Version(_gate);
        AssertStatus(_admin.PutAsync("/api/users/" + _alice, Json(new { name = "Alice A.", attribute = "contractor", inviterId = host, validUntil = _s.Context.NowMs + 86_400_000 })).Result, HttpStatusCode.OK);
        Assert.True(Version(_gate) > gateBefore, "the controllers carrying Alice get a new version");
        var user = _server.Host.Store.Db.QuerySingle("SELECT name, attribute, inviter_id FROM users WHERE id = @u", new { u = _alice })!;
        Assert.Equal(("Alice A.", "contractor", host), (user.Str("name"), user.Str("attribute"), user.Str("inviter_id")));
        AssertStatus(_admin.PutAsync("/api/users/" + _alice, Json(new { name = "Alice", attribute = "wizard" })).Result, HttpStatusCode.BadRequest, "attribute must be one of");
        AssertStatus(_admin.PutAsync("/api/users/" + _alice, Json(new { name = "Alice", attribute = "guest" })).Result, HttpStatusCode.BadRequest, "inviterId");
        AssertStatus(_admin.PutAsync("/api/users/u-nope", Json(new { name = "X", attribute = "employee" })).Result, HttpStatusCode.NotFound);

        // A group permission is one permission per reader of the door, or of every door in the area (nested ones too).
        string bob = _s.Users.Register(new UserInput("Bob", "employee", null, null, null, null, null, null, null));
        var doorGrant = Parse(_admin.PostAsync("/api/users/" + bob + "/permissions/group", Json(new { doorId = _gateDoor, windows = new[] { new { days = 62, start = 480, end = 1140 } } })).Result);
        Assert.Equal(2, doorGrant.GetProperty("ids").GetArrayLength());
        var areaGrant = Parse(_admin.PostAsync("/api/users/" + bob + "/permissions/group", Json(new { areaId = _building, windows = new[] { new { days = 127, start = 0, end = 1440 } } })).Result);
        Assert.Equal(4, areaGrant.GetProperty("ids").GetArrayLength());
        Assert.Equal(4, _server.Host.Store.Db.QuerySingle("SELECT COUNT(*) AS n FROM permissions WHERE user_id = @u", new { u = bob })!.Long("n"));
        AssertStatus(_admin.PostAsync("/api/users/" + bob + "/permissions/group", Json(new { areaId = _room, windows = new[] { new { days = 127, start = 0, end = 1440 } } })).Result,
            HttpStatusCode.BadRequest, "no readers");

        // Revoke every credential, remove the calendar entry and the route.
        _s.Users.AddCredential(_alice, new CredentialInput("pin", "2468"));
        Assert.Equal(2, Parse(_admin.PostAsync("/api/users/" + _alice + "/credentials/revoke-all", null).Result).GetProperty("revoked").GetInt32());
        Assert.Equal(0, _server.Host.Store.Db.QuerySingle("SELECT COUNT(*) AS n FROM credentials WHERE user_id = @u AND revoked = 0", new { u = _alice })!.Long("n"));
        string schedule = p.GetProperty("schedules")[0].GetProperty("id").GetString()!;
        AssertStatus(_admin.DeleteAsync("/api/schedules/" + schedule).Result, HttpStatusCode.OK);
        AssertStatus(_admin.DeleteAsync("/api/routes/" + route).Result, HttpStatusCode.OK);
        AssertStatus(_admin.DeleteAsync("/api/routes/" + route).Result, HttpStatusCode.NotFound);
        Assert.Equal(0, _server.Count("schedules") + _server.Count("notification_routes"));
    }

    [Fact]
    public void The_Attribute_Policy_Table_Shows_What_Applies_Where_And_A_Reader_Can_Go_Back_To_The_Site_Policy()
    {
        JsonElement Cell(string reader, string attribute) => Parse(_admin.GetAsync("/api/policies/table").Result).GetProperty("readers").EnumerateArray()
            .Single(r => r.GetProperty("id").GetString() == reader).GetProperty("cells").GetProperty(attribute);
        Assert.Equal("site", Cell(_gateIn, "guard").GetProperty("from").GetString()); // guards exempt from the start
        Assert.False(Cell(_gateIn, "guard").GetProperty("fraud").GetBoolean());
        Assert.Equal("built-in", Cell(_gateIn, "guest").GetProperty("from").GetString());
        Assert.True(Cell(_gateIn, "guest").GetProperty("fraud").GetBoolean());

        long before = Version(_gate);
        AssertStatus(_admin.PostAsync("/api/readers/" + _gateIn + "/policies", Json(new { attribute = "guest", fraudOnViolation = false })).Result, HttpStatusCode.OK);
        Assert.Equal("reader", Cell(_gateIn, "guest").GetProperty("from").GetString());
        Assert.False(Cell(_gateIn, "guest").GetProperty("fraud").GetBoolean());
        Assert.Equal("built-in", Cell(_gateOut, "guest").GetProperty("from").GetString());
        AssertStatus(_admin.DeleteAsync("/api/readers/" + _gateIn + "/policies/guest").Result, HttpStatusCode.OK);
        Assert.Equal("built-in", Cell(_gateIn, "guest").GetProperty("from").GetString());
        Assert.True(Version(_gate) >= before + 2, "both changes reach the gate's controller");
        AssertStatus(_admin.DeleteAsync("/api/readers/" + _gateIn + "/policies/guest").Result, HttpStatusCode.NotFound);
        AssertStatus(_guard.GetAsync("/api/policies/table").Result, HttpStatusCode.Forbidden);
    }

    [Fact]
    public void Alerts_Say_Where_They_Were_Routed_Without_A_Webhooks_Secret_And_Keep_The_Acknowledging_Note()
    {
        _s.Users.AddRoute(_alice, _gateIn, "webhook", "https://hooks.example.com/services/T000/SECRET-TOKEN", "fraud");
        _s.Users.AddRoute(_alice, _gateIn, "mqtt", "dc/v1/term/desk", "fraud");
        long fraud = _s.Alerts.Raise("fraud", "high", _alice, _gate, _gateIn, null, "second entry without exit");
        long forced = _s.Alerts.Raise("door_forced", "high", null, _gate, null, null, "door forced open");
        long low = _s.Alerts.Raise("retro-unverifiable", "low", _alice, _officeDevice, _officeIn, null, "cannot re-check");

        var all = Parse(_guard.GetAsync("/api/alerts").Result);
        Assert.DoesNotContain("SECRET-TOKEN", all.ToString());
        var first = all.EnumerateArray().Single(a => a.GetProperty("id").GetInt64() == fraud);
        Assert.Equal("Alice", first.GetProperty("userName").GetString());
        Assert.Equal("G1", first.GetProperty("doorName").GetString());
        Assert.Equal("G1 in", first.GetProperty("readerName").GetString());
        var routed = first.GetProperty("routedTo").EnumerateArray().Select(r => r.GetProperty("channel").GetString() + " " + r.GetProperty("target").GetString()).OrderBy(x => x).ToList();
        Assert.Equal(new[] { "mqtt dc/v1/term/desk", "webhook https://hooks.example.com/…" }, routed);

        long[] Ids(string q) => Parse(_guard.GetAsync("/api/alerts" + q).Result).EnumerateArray().Select(a => a.GetProperty("id").GetInt64()).ToArray();
        Assert.Equal(new[] { forced }, Ids("?kind=door_forced"));
        Assert.Equal(new[] { low }, Ids("?severity=low"));
        Assert.Equal(new[] { low, fraud }, Ids("?userId=" + _alice));
        Assert.Equal(new[] { low }, Ids("?deviceId=" + _officeDevice));

        AssertStatus(_guard.PostAsync("/api/alerts/" + fraud + "/ack", Json(new { note = "called Alice: her colleague borrowed the card" })).Result, HttpStatusCode.OK);
        AssertStatus(_guard.PostAsync("/api/alerts/" + forced + "/ack", null).Result, HttpStatusCode.OK); // a note is optional
        Assert.Equal(new[] { low }, Ids("?open=1"));
        var acked = Parse(_guard.GetAsync("/api/alerts?kind=fraud").Result)[0];
        Assert.Equal("desk", acked.GetProperty("acknowledgedBy").GetString());
        Assert.Equal("called Alice: her colleague borrowed the card", acked.GetProperty("acknowledgedNote").GetString());
        AssertStatus(_guard.PostAsync("/api/alerts/" + low + "/ack", Json(new { note = new string('x', 501) })).Result, HttpStatusCode.BadRequest);
    }

    public void Dispose()
    {
        _admin.Dispose();
        _guard.Dispose();
        _server.Dispose();
        _broker.Dispose();
    }
}

using System.Collections.Concurrent;
using DoorController.Contract;
using DoorController.Hal;
using DoorController.Hal.Host.Mqtt;
using DoorController.LocalBroker;
using DoorController.Server.Services;
using DoorController.Server.Storage;
using Xunit;

using DoorController.TestSupport;

namespace DoorController.ServerTests;

/// <summary>
/// The retro review of replayed offline grants (firmware-rendered events over a real mosquitto): the schedule check
/// the controller could not run (it has no schedules) is re-run, and its after-the-fact alert is routed like an
/// online one by the person's notification routes for that reader (Fig 9B); at a door with a contact the review moves
/// presence only for grants whose door opened, also when the door's report arrived before its grant.
/// </summary>
public sealed class RetroReviewTests : IDisposable, IMqttMessageListener
{
    private static readonly List<WindowInput> Always = new() { new WindowInput(0xFF, 0, 1440) };
    private readonly MosquittoBroker _broker = MosquittoBroker.Start();
    private readonly ServerTestHost _server;
    private readonly ServerServices _s;
    private readonly Database _db;
    private readonly BlockingCollection<(string Topic, string Body)> _terminal = new();

    public RetroReviewTests()
    {
        _server = new ServerTestHost(_broker);
        _s = _server.Host.Services;
        _db = _server.Host.Store.Db;
    }

    public void OnMessage(string topic, byte[] payload) => _terminal.Add((topic, System.Text.Encoding.UTF8.GetString(payload)));
    public void OnConnectionLost() { }

    private int Num(string id) => NumericIds.Of(_db, id);
    private string Hash(string value) => _s.Context.Hasher.Hash("nfc", value);

    private void WaitReviewed(string user, int rows)
    {
        long Count(string where) => _db.QuerySingle("SELECT COUNT(*) AS n FROM access_log WHERE user_id = @u AND " + where, new { u = user })!.Long("n");
        var until = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < until && (Count("1 = 1") < rows || Count("retro_checked = 0") > 0)) Thread.Sleep(50);
        Assert.Equal(rows, Count("retro_checked = 1"));
    }

    [Fact]
    public void An_Offline_Grant_Outside_The_Persons_Schedule_Raises_An_After_The_Fact_Alert_On_Their_Route()
    {
        // The lab in Tokyo; Alice's calendar puts her in a meeting in Osaka (about 400 km away) right now.
        var lab = _s.Devices.Register(new DeviceInput("Lab", "Tokyo office", "entry", null, null, 35.6812, 139.7671));
        string labIn = _s.Devices.AddReader(lab.Id, new ReaderInput(null, "Lab entry", "entry", "corridor", 35.6812, 139.7671));
        var both = new List<PermissionInput> { new(labIn, Always) };
        string alice = _s.Users.Register(new UserInput("Alice", "employee", null, null, null, null, null, new List<CredentialInput> { new("nfc", "04A1B2C3") }, both));
        string bob = _s.Users.Register(new UserInput("Bob", "employee", null, null, null, null, null, new List<CredentialInput> { new("nfc", "04B0B0B0") }, both));
        long now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        _s.Users.AddSchedule(alice, "Osaka meeting", "Osaka office", now - 20 * 60_000, now + 60 * 60_000, 34.7025, 135.4959);
        // Alice's route at the lab reader: the guard desk's terminal.
        _s.Users.AddRoute(alice, labIn, "mqtt", "dc/v1/term/guard", "fraud-error");
        BrokerLogin guardDesk = _broker.Admin.CreateTerminal("guard");
        using var terminal = new MosquittoTransport(_broker.Endpoint(guardDesk));
        Assert.True(terminal.Connect(guardDesk.ClientId, null, null, this), terminal.LastError);
        Assert.True(terminal.Subscribe("dc/v1/term/guard", 1), terminal.LastError);

        // Offline, the controller granted both (it holds no schedules); Bob has none anywhere.
        using var controller = new ServerMqttController(_broker, lab);
        controller.PublishEvent(101, ServerMqttController.AccessEventJson(101, now - 5 * 60_000, true, "entry", Num(alice), Num(labIn), "nfc", Hash("04A1B2C3"), offline: true));
        controller.PublishEvent(102, ServerMqttController.AccessEventJson(102, now - 4 * 60_000, true, "entry", Num(bob), Num(labIn), "nfc", Hash("04B0B0B0"), offline: true), 101);
        Assert.Equal(102, controller.WaitAck(102, TimeSpan.FromSeconds(10)));
        WaitReviewed(alice, 1);
        WaitReviewed(bob, 1);

        var retro = _s.Alerts.List(false, 50).Where(a => a.Str("kind") == "retro-fraud").ToList();
        Assert.Single(retro);
        Assert.Equal(alice, retro[0].Str("user_id"));
        Assert.Equal(labIn, retro[0].Str("reader_id"));
        Assert.Contains("schedule-elsewhere", retro[0].Str("message"));
        Assert.True(_db.QuerySingle("SELECT fraud FROM access_log WHERE user_id = @u", new { u = alice })!.Bool("fraud"));
        Assert.True(_terminal.TryTake(out var routed, TimeSpan.FromSeconds(10)), "the alert was not routed to Alice's route for the lab reader");
        Assert.Equal("dc/v1/term/guard", routed.Topic);
        Assert.Contains("schedule-elsewhere", routed.Body);
        Assert.False(_terminal.TryTake(out _, TimeSpan.FromMilliseconds(500)), "nothing about Bob is routed");
    }

    [Fact]
    public void Offline_Grants_At_Two_Controllers_Too_Far_Apart_For_The_Time_Between_Raise_One_Impossible_Travel_Alert()
    {
        // Two offline controllers about 400 km apart: neither could run the travel check (it needs the other's passage).
        var tokyo = _s.Devices.Register(new DeviceInput("Tokyo", "Tokyo office", "entry", null, null, 35.6812, 139.7671));
        var osaka = _s.Devices.Register(new DeviceInput("Osaka", "Osaka office", "entry", null, null, 34.7025, 135.4959));
        string tokyoIn = _s.Devices.AddReader(tokyo.Id, new ReaderInput(null, "Tokyo entry", "entry", "lobby", 35.6812, 139.7671));
        string osakaOut = _s.Devices.AddReader(osaka.Id, new ReaderInput(null, "Osaka exit", "exit", "lobby", 34.7025, 135.4959));
        var both = new List<PermissionInput> { new(tokyoIn, Always), new(osakaOut, Always) };
        string alice = _s.Users.Register(new UserInput("Alice", "employee", null, null, null, null, null, new List<CredentialInput> { new("nfc", "04A1B2C3") }, both));
        long now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        string hash = Hash("04A1B2C3");

        // In at Tokyo at t, out at Osaka ten minutes later (about 670 m/s; an entry then an exit, so anti-passback is
        // satisfied and only the travel check can object): each controller granted its own badge offline.
        using var atTokyo = new ServerMqttController(_broker, tokyo);
        atTokyo.PublishEvent(101, ServerMqttController.AccessEventJson(101, now - 30 * 60_000, true, "entry", Num(alice), Num(tokyoIn), "nfc", hash, offline: true));
        Assert.Equal(101, atTokyo.WaitAck(101, TimeSpan.FromSeconds(10)));
        WaitReviewed(alice, 1);
        Assert.DoesNotContain(_s.Alerts.List(false, 50), a => a.Str("kind") == "retro-fraud");
        using var atOsaka = new ServerMqttController(_broker, osaka);
        atOsaka.PublishEvent(201, ServerMqttController.AccessEventJson(201, now - 20 * 60_000, true, "exit", Num(alice), Num(osakaOut), "nfc", hash, offline: true));
        Assert.Equal(201, atOsaka.WaitAck(201, TimeSpan.FromSeconds(10)));
        WaitReviewed(alice, 2);

        var retro = _s.Alerts.List(false, 50).Where(a => a.Str("kind") == "retro-fraud").ToList();
        Assert.Single(retro);
        Assert.Equal(osakaOut, retro[0].Str("reader_id"));
        Assert.True(retro[0].Str("message").Contains("impossible-travel"), retro[0].Str("message"));
        Assert.True(_db.QuerySingle("SELECT fraud FROM access_log WHERE user_id = @u AND reader_id = @r", new { u = alice, r = osakaOut })!.Bool("fraud"));
        Assert.False(_db.QuerySingle("SELECT fraud FROM access_log WHERE user_id = @u AND reader_id = @r", new { u = alice, r = tokyoIn })!.Bool("fraud"));
    }

    [Fact]
    public void A_Door_Report_That_Overtook_Its_Offline_Grant_Settles_It_When_The_Grant_Arrives()
    {
        string area = _s.Devices.AddArea("Lab");
        var lab = _s.Devices.Register(new DeviceInput("Lab", "third floor", "both", area, null, null, null));
        string door = _s.Devices.AddDoor(lab.Id, "Lab door", area, null, hasContact: true);
        string labIn = _s.Devices.AddReader(lab.Id, new ReaderInput(door, "Lab entry", "entry", "corridor", null, null));
        string alice = _s.Users.Register(new UserInput("Alice", "employee", null, null, null, null, null, new List<CredentialInput> { new("nfc", "04A1B2C3") },
            new List<PermissionInput> { new(labIn, Always) }));
        long t0 = DateTimeOffset.UtcNow.AddMinutes(-30).ToUnixTimeMilliseconds();
        string hash = Hash("04A1B2C3");
        string State() => _db.QuerySingle("SELECT state FROM presence WHERE user_id = @u", new { u = alice })?.Str("state") ?? "unknown";
        string Passage(long journalId) => _db.QuerySingle("SELECT passage FROM access_log WHERE device_id = @d AND event_id = @e", new { d = lab.Id, e = journalId })!.Str("passage");
        using var controller = new ServerMqttController(_broker, lab);

        // Offline: grant 101 relocked unused (102), grant 103 went through the door (104). The server restarted and lost
        // 103: its door report 104 arrives first and finds no row; 103 comes with the controller's resend.
        controller.PublishEvent(101, ServerMqttController.AccessEventJson(101, t0, true, "entry", Num(alice), Num(labIn), "nfc", hash, offline: true));
        controller.PublishEvent(102, FirmwareEvents.Passage(102, t0 + 5_000, EventType.GrantUnused, Num(door), 101), 101);
        Assert.Equal(102, controller.WaitAck(102, TimeSpan.FromSeconds(10)));
        Assert.Equal(AccessEvent.NotOpened, Passage(101));
        Assert.Equal("unknown", State());
        controller.PublishEvent(104, FirmwareEvents.Passage(104, t0 + 62_000, EventType.DoorOpened, Num(door), 103), 103);
        Assert.Equal(-1, controller.WaitAck(103, TimeSpan.FromSeconds(2)));
        controller.PublishEvent(103, ServerMqttController.AccessEventJson(103, t0 + 60_000, true, "entry", Num(alice), Num(labIn), "nfc", hash, offline: true), 102);
        controller.PublishEvent(104, FirmwareEvents.Passage(104, t0 + 62_000, EventType.DoorOpened, Num(door), 103), 103);
        Assert.Equal(104, controller.WaitAck(104, TimeSpan.FromSeconds(10)));
        Assert.Equal(AccessEvent.Opened, Passage(103));
        Assert.Equal("inside", State());

        // Reviewed with the same rule: the unused grant moved nobody, so the second entry is no entry without an exit.
        WaitReviewed(alice, 2);
        Assert.DoesNotContain(_s.Alerts.List(false, 50), a => a.Str("kind") == "retro-fraud");
    }

    [Fact]
    public void A_Prefix_Two_Credentials_Of_A_Person_Share_Is_Logged_As_Ambiguous_With_The_One_Valid_At_The_Time()
    {
        var lab = _s.Devices.Register(new DeviceInput("Lab", "third floor", "entry", null, null, null, null));
        string labIn = _s.Devices.AddReader(lab.Id, new ReaderInput(null, "Lab entry", "entry", "corridor", null, null));
        var perms = new List<PermissionInput> { new(labIn, Always) };
        string alice = _s.Users.Register(new UserInput("Alice", "employee", null, null, null, null, null, new List<CredentialInput> { new("nfc", "04A1B2C3") }, perms));
        string bob = _s.Users.Register(new UserInput("Bob", "employee", null, null, null, null, null, new List<CredentialInput> { new("nfc", "04B0B0B0") }, perms));
        string carol = _s.Users.Register(new UserInput("Carol", "employee", null, null, null, null, null, new List<CredentialInput> { new("nfc", "04C0C0C0") }, perms));
        long now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        string aliceHash = Hash("04A1B2C3"), bobHash = Hash("04B0B0B0");
        // Planted: second credentials whose keyed hashes share the first 7 bytes (a 2^-56 coincidence for real cards).
        // Alice's had expired before her grant; both of Bob's were valid at his.
        void Plant(string user, string hash, long? validUntil) => _db.Execute(
            "INSERT INTO credentials (id, user_id, method, hash, one_time, valid_until, revoked, created_at) VALUES (@id, @u, 'nfc', @h, 0, @vu, 0, @now)",
            new { id = "c-planted-" + user, u = user, h = hash, vu = validUntil, now });
        Plant(alice, aliceHash[..14] + new string('0', 18), now - 3_600_000);
        Plant(bob, bobHash[..14] + new string('1', 18), null);

        using var controller = new ServerMqttController(_broker, lab);
        controller.PublishEvent(101, ServerMqttController.AccessEventJson(101, now - 60_000, true, "entry", Num(alice), Num(labIn), "nfc", aliceHash, offline: true));
        controller.PublishEvent(102, ServerMqttController.AccessEventJson(102, now - 50_000, true, "entry", Num(bob), Num(labIn), "nfc", bobHash, offline: true), 101);
        // Carol's card with a prefix none of her credentials has (e.g. deleted since): logged, never dropped.
        controller.PublishEvent(103, ServerMqttController.AccessEventJson(103, now - 40_000, true, "entry", Num(carol), Num(labIn), "nfc", bobHash, offline: true), 102);
        Assert.Equal(103, controller.WaitAck(103, TimeSpan.FromSeconds(10)));
        WaitReviewed(alice, 1);
        WaitReviewed(bob, 1);
        WaitReviewed(carol, 1);

        Row Logged(string user) => _db.QuerySingle("SELECT credential_hash, credential_prefix, credential_match FROM access_log WHERE user_id = @u", new { u = user })!;
        Assert.Equal(aliceHash, Logged(alice).Str("credential_hash"));
        Assert.Equal("ambiguous", Logged(alice).Str("credential_match"));
        Assert.Equal(aliceHash[..14], Logged(alice).Str("credential_prefix"));
        Assert.Null(Logged(bob).Str("credential_hash"));
        Assert.Equal("ambiguous", Logged(bob).Str("credential_match"));
        Assert.Null(Logged(carol).Str("credential_hash"));
        Assert.Equal("unknown", Logged(carol).Str("credential_match"));
        Assert.Equal(bobHash[..14], Logged(carol).Str("credential_prefix"));
        // The review re-checks Alice's grant with her whole hash; the two it cannot tie to one credential are reported.
        var unverifiable = _s.Alerts.List(false, 50).Where(a => a.Str("kind") == "retro-unverifiable").Select(a => a.Str("user_id")).ToList();
        Assert.Equal(new[] { bob, carol }.OrderBy(x => x), unverifiable.OrderBy(x => x));
        var history = _s.History.Page(new HistoryFilter { UserId = alice }, 10);
        Assert.Equal("ambiguous", ((List<Dictionary<string, object>>)history["rows"])[0]["credentialMatch"]);
    }

    public void Dispose()
    {
        _server.Dispose();
        _broker.Dispose();
    }
}

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
/// Duress codes and keys limited by their first use through the real broker and server: the duress answer is the
/// normal one while the guard desk gets a critical alert (online at once, offline on replay and marked so); a key
/// valid N minutes after its first use counts from the earliest use known, including one replayed late from a
/// controller that was offline; a one-time key spent offline is gone for every door.
/// </summary>
public sealed class KeyTypeAndDuressTests : IDisposable, IMqttMessageListener
{
    private static readonly List<WindowInput> Always = new() { new WindowInput(0xFF, 0, 1440) };
    private readonly MosquittoBroker _broker = MosquittoBroker.Start();
    private readonly ServerManualTime _time = new(DateTimeOffset.UtcNow);
    private readonly ServerTestHost _server;
    private readonly ServerServices _s;
    private readonly DeviceRegistration _doorA, _doorB;
    private readonly string _readerA, _readerB, _alice;
    private readonly BlockingCollection<(string Topic, string Body)> _guardDesk = new();

    public KeyTypeAndDuressTests()
    {
        _server = new ServerTestHost(_broker, o => o.Time = _time);
        _s = _server.Host.Services;
        _doorA = _s.Devices.Register(new DeviceInput("Door A", "back office", "both", null, null, null, null));
        _doorB = _s.Devices.Register(new DeviceInput("Door B", "store room", "both", null, null, null, null));
        _readerA = _s.Devices.AddReader(_doorA.Id, new ReaderInput(null, "A", "both", null, null, null));
        _readerB = _s.Devices.AddReader(_doorB.Id, new ReaderInput(null, "B", "both", null, null, null));
        _alice = _s.Users.Register(new UserInput("Alice", "employee", null, null, null, null, null,
            new List<CredentialInput> { new("pin", "123456"), new("pin", "123457", Duress: true) },
            new List<PermissionInput> { new(_readerA, Always), new(_readerB, Always) }));
    }

    public void OnMessage(string topic, byte[] payload) => _guardDesk.Add((topic, System.Text.Encoding.UTF8.GetString(payload)));
    public void OnConnectionLost() { }

    /// <summary>Decides with the server's clock at <paramref name="atUnix"/> (the server times online decisions itself).</summary>
    private DoorController.Contract.DecisionResponse DecideAt(ServerMqttController door, string reader, string kind, string hash, long atUnix)
    {
        _time.Advance(TimeSpan.FromSeconds(atUnix - _time.GetUtcNow().ToUnixTimeSeconds()));
        return door.Decide(Num(reader), kind, hash, atUnix);
    }

    private int Num(string id) => NumericIds.Of(_server.Host.Store.Db, id);
    private string Hash(string method, string value) => _s.Context.Hasher.Hash(method, value);
    private long Now => _time.GetUtcNow().ToUnixTimeSeconds();

    private MosquittoTransport GuardDesk()
    {
        BrokerLogin login = _broker.Admin.CreateTerminal("guard-desk");
        var terminal = new MosquittoTransport(_broker.Endpoint(login));
        Assert.True(terminal.Connect(login.ClientId, null, null, this), terminal.LastError);
        Assert.True(terminal.Subscribe(SiteSettings.DefaultDuressTopic, 1), terminal.LastError);
        return terminal;
    }

    [Fact]
    public void Duress_Code_Answers_Like_The_Normal_Code_And_Alerts_The_Guard_Desk_Only()
    {
        using var desk = GuardDesk();
        // Alice's own notification route at this reader, and a listener on everything under dc/v1 (the raw answers,
        // every terminal topic): the duress alert must reach neither her route nor the answer's bytes.
        _s.Users.AddRoute(_alice, _readerA, "mqtt", "dc/v1/term/alice-route", "fraud-error");
        using var wire = BrokerPeer.Attacker(_broker, "listener");
        Assert.True(wire.Subscribe("dc/v1/#"), wire.LastError);
        using var door = new ServerMqttController(_broker, _doorA);
        var normal = DecideAt(door, _readerA, "pin", Hash("pin", "123456"), Now);
        Assert.False(_guardDesk.TryTake(out _, TimeSpan.FromMilliseconds(300)), "the normal code must not alert");
        var duress = DecideAt(door, _readerA, "pin", Hash("pin", "123457"), Now);
        Assert.True(normal.Granted, normal.Reason);
        Assert.Equal(normal.Granted, duress.Granted);
        Assert.Equal(normal.Reason, duress.Reason);
        Assert.Equal(normal.UnlockMilliseconds, duress.UnlockMilliseconds);
        Assert.Equal(normal.Extended, duress.Extended);
        Assert.Null(door.NextNotify(TimeSpan.FromMilliseconds(300))); // nothing shown at the door

        Assert.True(_guardDesk.TryTake(out var msg, TimeSpan.FromSeconds(10)), "no duress notification at the guard desk");
        Assert.Equal(SiteSettings.DefaultDuressTopic, msg.Topic);
        Assert.Contains("\"kind\":\"duress\"", msg.Body);
        Assert.Contains("\"replayed\":false", msg.Body);
        var alert = Assert.Single(_s.Alerts.List(true, 10), a => a.Str("kind") == "duress");
        Assert.Equal("critical", alert.Str("severity"));
        Assert.Equal(_alice, alert.Str("user_id"));
        Assert.NotNull(alert.NLong("log_id")); // linked to the history row of that passage

        // The two answers as they crossed the wire: the same bytes but for the request's id, nonce and MAC.
        var answers = wire.TextsOn(door.Topics.DecisionResponse);
        Assert.Equal(2, answers.Count);
        static string Bare(string json) => System.Text.RegularExpressions.Regex.Replace(json, "\"(request-id|nonce|mac)\":(\"[^\"]*\"|[0-9]+),?", "");
        Assert.Equal(Bare(answers[0]), Bare(answers[1]));
        Assert.DoesNotContain("duress", answers[1]);
        Assert.Empty(wire.TextsOn("dc/v1/term/alice-route"));
        Assert.Empty(wire.Received.Where(m => m.Topic.StartsWith(LinkTopics.TerminalPrefix, StringComparison.Ordinal) && m.Topic != SiteSettings.DefaultDuressTopic));
    }

    [Fact]
    public void Offline_Duress_Is_Alerted_On_Replay_And_Marked_So()
    {
        using var desk = GuardDesk();
        using var door = new ServerMqttController(_broker, _doorA);
        long t0 = DateTimeOffset.UtcNow.AddMinutes(-10).ToUnixTimeMilliseconds();
        string ev = ServerMqttController.AccessEventJson(201, t0, true, "entry", Num(_alice), Num(_readerA), "pin", Hash("pin", "123457"), offline: true);
        ev = ev.Substring(0, ev.Length - 1) + ",\"duress\":true}";
        door.PublishEvent(201, ev);
        Assert.Equal(201, door.WaitAck(201, TimeSpan.FromSeconds(10)));
        Assert.True(_guardDesk.TryTake(out var msg, TimeSpan.FromSeconds(10)), "no duress notification on replay");
        Assert.Contains("\"replayed\":true", msg.Body);
        var alert = Assert.Single(_s.Alerts.List(true, 10), a => a.Str("kind") == "duress");
        Assert.Contains("offline", alert.Str("message"));
        // The same event resent (lost ack): stored once, alerted once.
        door.PublishEvent(201, ev);
        Assert.Equal(201, door.WaitAck(201, TimeSpan.FromSeconds(10)));
        Assert.Single(_s.Alerts.List(false, 10), a => a.Str("kind") == "duress");
    }

    [Fact]
    public void Duress_Route_Setting_Is_Checked_And_Used()
    {
        Assert.Throws<DoorController.Server.Api.ApiException>(() => _s.Settings.SetDuressRoute("mqtt", "dc/v1/dev/x/cmd"));
        Assert.Throws<DoorController.Server.Api.ApiException>(() => _s.Settings.SetDuressRoute("mqtt", "dc/v1/term/#"));
        Assert.Throws<DoorController.Server.Api.ApiException>(() => _s.Settings.SetDuressRoute("sms", "+81"));
        _s.Settings.SetDuressRoute("mqtt", "dc/v1/term/night-guard");
        Assert.Equal(("mqtt", "dc/v1/term/night-guard"), _s.Settings.DuressRoute);
    }

    [Fact]
    public void Duress_Must_Be_A_Pin_And_Not_A_Limited_Key()
    {
        Assert.Throws<DoorController.Server.Api.ApiException>(() => _s.Users.AddCredential(_alice, new CredentialInput("nfc", "04A1B2C3", Duress: true)));
        Assert.Throws<DoorController.Server.Api.ApiException>(() => _s.Users.AddCredential(_alice, new CredentialInput("pin", "555666", OneTime: true, Duress: true)));
        Assert.Throws<DoorController.Server.Api.ApiException>(() => _s.Users.AddCredential(_alice, new CredentialInput("pin", "555666", OneTime: true, MinutesAfterFirstUse: 5)));
    }

    [Fact]
    public void Key_Valid_After_First_Use_Counts_From_The_Earliest_Use_Even_When_Replayed_Late()
    {
        string cleaner = _s.Users.Register(new UserInput("Cleaner", "contractor", null, null, null, null, null,
            new List<CredentialInput> { new("pin", "2580", MinutesAfterFirstUse: 30) },
            new List<PermissionInput> { new(_readerA, Always), new(_readerB, Always) }));
        using var a = new ServerMqttController(_broker, _doorA);
        using var b = new ServerMqttController(_broker, _doorB);
        string hash = Hash("pin", "2580");
        long t = Now;
        // Door B online at t: the server takes t as the first use.
        Assert.True(DecideAt(b, _readerB, "pin", hash, t).Granted);
        Assert.True(DecideAt(b, _readerB, "pin", hash, t + 15 * 60).Granted);
        // Door A had been offline and granted it 20 minutes before t; its journal arrives now.
        long earlierMs = (t - 20 * 60) * 1000;
        a.PublishEvent(301, ServerMqttController.AccessEventJson(301, earlierMs, true, "entry", Num(cleaner), Num(_readerA), "pin", hash, offline: true));
        Assert.Equal(301, a.WaitAck(301, TimeSpan.FromSeconds(10)));
        Assert.Equal(earlierMs, _server.Host.Store.Db.QuerySingle("SELECT used_at FROM credentials WHERE user_id = @u", new { u = cleaner })!.Long("used_at"));
        // 11 minutes after t is 31 after the real first use.
        var late = DecideAt(b, _readerB, "pin", hash, t + 11 * 60);
        Assert.False(late.Granted);
        Assert.Equal("expired-after-first-use", late.Reason);
        // Every controller's cache now carries the deadline.
        var snapshot = DoorController.Server.Decisions.DecisionSnapshot.Load(_server.Host.Store.Db);
        var cache = DoorController.Server.Sync.ControllerBundleBuilder.Collect(snapshot, new DoorController.Access.AccessOptions(), _doorA.Id);
        var info = new DoorController.Access.CredentialInfo();
        Assert.True(DoorController.Core.Hex.TryDecode(hash, out byte[] raw));
        var file = new System.IO.MemoryStream();
        cache.WriteTo(file, 1);
        var store = new DoorController.Access.FileCredentialDirectory(new System.IO.MemoryStream(file.ToArray()), 0, 64);
        Assert.Equal(DoorController.Access.ReasonCode.Granted, store.Find(raw, 0, info));
        Assert.Equal(earlierMs / 1000 + 30 * 60, info.ValidToUnix);
    }

    [Fact]
    public void One_Time_Key_Spent_Offline_Is_Refused_Online_Everywhere()
    {
        var (holder, code) = _s.Passes.IssueDeliveryCode("parcel", DateTimeOffset.UtcNow.AddHours(2).ToUnixTimeMilliseconds(), new List<string> { _readerA, _readerB });
        using var a = new ServerMqttController(_broker, _doorA);
        using var b = new ServerMqttController(_broker, _doorB);
        string hash = Hash("pin", code);
        long usedMs = DateTimeOffset.UtcNow.AddMinutes(-5).ToUnixTimeMilliseconds();
        a.PublishEvent(401, ServerMqttController.AccessEventJson(401, usedMs, true, "entry", Num(holder), Num(_readerA), "pin", hash, offline: true));
        Assert.Equal(401, a.WaitAck(401, TimeSpan.FromSeconds(10)));
        var again = DecideAt(b, _readerB, "pin", hash, Now);
        Assert.False(again.Granted);
        Assert.Equal("unknown-credential", again.Reason); // spent: no longer in any snapshot or bundle
    }

    [Fact]
    public void Guest_Pass_Margins_Open_Early_And_Let_The_Guest_Out_Late_To_The_Second()
    {
        long checkIn = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeMilliseconds() / 1000 * 1000, checkOut = checkIn + 3 * 3600_000;
        var (_, early) = _s.Passes.IssueGuestPass("Gus", _alice, checkIn, checkOut, new List<string> { _readerA }, null, earlyEntryMinutes: 30, lateExitMinutes: 15);
        var (_, strict) = _s.Passes.IssueGuestPass("Gwen", _alice, checkIn, checkOut, new List<string> { _readerA }, null);
        using var door = new ServerMqttController(_broker, _doorA);
        long inS = checkIn / 1000, outS = checkOut / 1000;
        Assert.Equal("credential-not-yet-valid", DecideAt(door, _readerA, "pin", Hash("pin", early), inS - 30 * 60 - 1).Reason);
        Assert.True(DecideAt(door, _readerA, "pin", Hash("pin", early), inS - 30 * 60).Granted);
        Assert.Equal("credential-not-yet-valid", DecideAt(door, _readerA, "pin", Hash("pin", strict), inS - 60).Reason);
        Assert.True(DecideAt(door, _readerA, "pin", Hash("pin", early), outS + 15 * 60).Granted);
        Assert.Equal("credential-expired", DecideAt(door, _readerA, "pin", Hash("pin", early), outS + 15 * 60 + 1).Reason);
        Assert.Equal("credential-expired", DecideAt(door, _readerA, "pin", Hash("pin", strict), outS + 1).Reason);
        Assert.Throws<DoorController.Server.Api.ApiException>(() =>
            _s.Passes.IssueGuestPass("Gil", _alice, checkIn, checkOut, new List<string> { _readerA }, null, earlyEntryMinutes: PassIssuer.MaxMarginMinutes + 1));
    }

    [Fact]
    public void Courier_Code_Valid_After_Its_First_Use_Instead_Of_Once()
    {
        var (_, code) = _s.Passes.IssueDeliveryCode("courier", DateTimeOffset.UtcNow.AddHours(2).ToUnixTimeMilliseconds(), new List<string> { _readerA }, minutesAfterFirstUse: 10);
        using var door = new ServerMqttController(_broker, _doorA);
        long t = Now;
        Assert.True(DecideAt(door, _readerA, "pin", Hash("pin", code), t).Granted);
        Assert.True(DecideAt(door, _readerA, "pin", Hash("pin", code), t + 60).Granted); // not spent: a second trip with the trolley
        Assert.Equal("expired-after-first-use", DecideAt(door, _readerA, "pin", Hash("pin", code), t + 10 * 60 + 1).Reason);
    }

    public void Dispose()
    {
        _server.Dispose();
        _broker.Dispose();
    }
}

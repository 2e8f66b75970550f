using DoorController.Contract;
using DoorController.LocalBroker;
using DoorController.Server.Services;
using DoorController.Server.Storage;
using Xunit;

using DoorController.TestSupport;

namespace DoorController.ServerTests;

/// <summary>
/// The server over a real mosquitto with SQLite, talking the firmware's protocol classes: online decisions through
/// the decision core across every reader, the log row durable before the answer, replayed events stored once,
/// offline grants reviewed after the fact, signed remote commands.
/// </summary>
public sealed class ServerMqttTests : IDisposable
{
    private static readonly List<WindowInput> Always = new() { new WindowInput(0xFF, 0, 1440) };
    private readonly MosquittoBroker _broker = MosquittoBroker.Start();
    private readonly ServerTestHost _server;
    private readonly DeviceRegistration _gateDevice, _labDevice;
    private readonly string _gate, _lab, _gateIn, _gateOut, _labIn, _alice;
    private readonly ServerServices _s;

    public ServerMqttTests()
    {
        _server = new ServerTestHost(_broker);
        _s = _server.Host.Services;
        _gateDevice = _s.Devices.Register(new DeviceInput("Gate", "building entrance", "both", null, null, null, null));
        _labDevice = _s.Devices.Register(new DeviceInput("Lab", "third floor", "entry", null, null, null, null));
        (_gate, _lab) = (_gateDevice.Id, _labDevice.Id);
        _gateIn = _s.Devices.AddReader(_gate, new ReaderInput(null, "G1a", "entry", "outside", null, null));
        _gateOut = _s.Devices.AddReader(_gate, new ReaderInput(null, "G1b", "exit", "inside", null, null));
        _labIn = _s.Devices.AddReader(_lab, new ReaderInput(null, "G2", "entry", "lab door", null, null));
        _alice = _s.Users.Register(new UserInput("Alice", "employee", null, null, null, null, null,
            new List<CredentialInput> { new("nfc", "04A1B2C3"), new("pin", "123456") },
            new List<PermissionInput> { new(_gateIn, Always), new(_gateOut, Always), new(_labIn, Always) }));
    }

    private int Num(string id) => NumericIds.Of(_server.Host.Store.Db, id);
    private string Hash(string method, string value) => _s.Context.Hasher.Hash(method, value);
    private static long Now => DateTimeOffset.UtcNow.ToUnixTimeSeconds();
    private long Rows(string where) => _server.Host.Store.Db.QuerySingle("SELECT COUNT(*) AS n FROM access_log WHERE " + where, new { a = _alice })!.Long("n");

    /// <summary>Waits (10 s at most) until every offline grant of Alice's has been through the retro review.</summary>
    private void WaitReviewed()
    {
        var until = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < until && Rows("user_id = @a AND retro_checked = 0") > 0) Thread.Sleep(50);
        Assert.Equal(0, Rows("user_id = @a AND retro_checked = 0"));
    }

    [Fact]
    public void Online_Anti_Passback_Spans_Readers_And_Methods_And_Each_Answer_Follows_A_Durable_Row()
    {
        using var gate = new ServerMqttController(_broker, _gateDevice);
        using var lab = new ServerMqttController(_broker, _labDevice);

        var first = gate.Decide(Num(_gateIn), "nfc", Hash("nfc", "04A1B2C3"), Now);
        Assert.True(first.Granted, first.Reason);
        Assert.True(first.UnlockMilliseconds > 0);
        Assert.Equal(1, Rows("user_id = @a AND granted = 1 AND direction = 'entry' AND source = 'online'")); // already committed when the answer arrived

        // Same person, other controller, other method: an entry without an exit in between (S115-S116, Fig 9A fraud).
        var second = lab.Decide(Num(_labIn), "pin", Hash("pin", "123456"), Now);
        Assert.False(second.Granted);
        Assert.Equal("apb-entry-without-exit", second.Reason);
        Assert.Single(_s.Alerts.List(true, 10), a => a.Str("kind") == "fraud" && a.Str("user_id") == _alice);

        var exit = gate.Decide(Num(_gateOut), "nfc", Hash("nfc", "04A1B2C3"), Now);
        Assert.True(exit.Granted, exit.Reason);
        var again = lab.Decide(Num(_labIn), "pin", Hash("pin", "123456"), Now);
        Assert.True(again.Granted, again.Reason);

        var stranger = gate.Decide(Num(_gateIn), "nfc", Hash("nfc", "04FFFFFF"), Now);
        Assert.False(stranger.Granted);
        Assert.Equal("unknown-credential", stranger.Reason);
        var wrongController = lab.Decide(Num(_gateIn), "nfc", Hash("nfc", "04A1B2C3"), Now);
        Assert.Equal("unknown-reader", wrongController.Reason);
        Assert.Equal("inside", _server.Host.Store.Db.QuerySingle("SELECT state FROM presence WHERE user_id = @a", new { a = _alice })!.Str("state"));
    }

    [Fact]
    public void Replayed_Events_Are_Stored_Once_Acknowledged_And_Offline_Grants_Reviewed_After_The_Fact()
    {
        using var gate = new ServerMqttController(_broker, _gateDevice);
        long t0 = DateTimeOffset.UtcNow.AddMinutes(-30).ToUnixTimeMilliseconds();
        string hash = Hash("nfc", "04A1B2C3");
        // During an outage the gate granted Alice twice at the entry reader: the second is an entry without exit.
        var journal = new[]
        {
            ServerMqttController.AccessEventJson(101, t0, true, "entry", Num(_alice), Num(_gateIn), "nfc", hash, offline: true),
            ServerMqttController.AccessEventJson(102, t0 + 60_000, true, "entry", Num(_alice), Num(_gateIn), "nfc", hash, offline: true),
            FirmwareEvents.DoorForced(103, t0 + 90_000, 1),
        };
        for (int i = 0; i < journal.Length; i++) gate.PublishEvent(101 + i, journal[i]);
        Assert.Equal(103, gate.WaitAck(103, TimeSpan.FromSeconds(10)));

        // The whole batch again (a go-back-N resend after a lost ack): acknowledged, nothing stored twice.
        for (int i = 0; i < journal.Length; i++) gate.PublishEvent(101 + i, journal[i]);
        Assert.Equal(103, gate.WaitAck(103, TimeSpan.FromSeconds(10)));
        Assert.Equal(2, Rows("user_id = @a"));

        WaitReviewed();
        var retro = _s.Alerts.List(false, 50).Where(a => a.Str("kind") == "retro-fraud").ToList();
        Assert.Single(retro);
        Assert.Contains("apb-entry-without-exit", retro[0].Str("message"));
        Assert.Equal(102, _server.Host.Store.Db.QuerySingle("SELECT journal_id FROM access_log WHERE id = @i", new { i = retro[0].Long("log_id") })!.Long("journal_id"));
        Assert.Single(_s.Alerts.List(false, 50), a => a.Str("kind") == "door_forced");
    }

    [Fact]
    public void A_Passage_Replayed_After_A_Later_One_Was_Reviewed_Still_Raises_One_After_The_Fact_Alert()
    {
        using var gate = new ServerMqttController(_broker, _gateDevice);
        using var lab = new ServerMqttController(_broker, _labDevice);
        long t0 = DateTimeOffset.UtcNow.AddMinutes(-30).ToUnixTimeMilliseconds();
        string card = Hash("nfc", "04A1B2C3"), pin = Hash("pin", "123456");
        List<Row> Retro() => _s.Alerts.List(false, 50).Where(a => a.Str("kind") == "retro-fraud").ToList();

        // Both controllers were offline. The lab reconnects first: its entry at t0 + 1 min is reviewed alone, and is fine.
        lab.PublishEvent(201, ServerMqttController.AccessEventJson(201, t0 + 60_000, true, "entry", Num(_alice), Num(_labIn), "pin", pin, offline: true));
        Assert.Equal(201, lab.WaitAck(201, TimeSpan.FromSeconds(10)));
        WaitReviewed();
        Assert.Empty(Retro());

        // Then the gate replays Alice's entry at t0, earlier: the lab entry now follows an entry without an exit.
        gate.PublishEvent(101, ServerMqttController.AccessEventJson(101, t0, true, "entry", Num(_alice), Num(_gateIn), "nfc", card, offline: true));
        Assert.Equal(101, gate.WaitAck(101, TimeSpan.FromSeconds(10)));
        WaitReviewed();
        var retro = Retro();
        Assert.Single(retro);
        Assert.Contains("apb-entry-without-exit", retro[0].Str("message"));
        Assert.Equal(_labIn, retro[0].Str("reader_id"));
        Assert.Equal(1, Rows("user_id = @a AND fraud = 1 AND reader_id = '" + _labIn + "'"));

        // A later passage reviewed after both does not alert the lab entry a second time.
        gate.PublishEvent(102, ServerMqttController.AccessEventJson(102, t0 + 120_000, true, "exit", Num(_alice), Num(_gateOut), "nfc", card, offline: true), 101);
        Assert.Equal(102, gate.WaitAck(102, TimeSpan.FromSeconds(10)));
        WaitReviewed();
        Assert.Single(Retro());
    }

    [Fact]
    public void An_Event_That_Overtakes_A_Lost_One_Is_Stored_But_Acknowledged_Only_Once_The_Gap_Is_Filled()
    {
        using var gate = new ServerMqttController(_broker, _gateDevice);
        long t0 = DateTimeOffset.UtcNow.AddMinutes(-10).ToUnixTimeMilliseconds();
        string hash = Hash("nfc", "04A1B2C3");
        long First = EventId.Compose(3, 1), Lost = EventId.Compose(3, 2), Newer = EventId.Compose(4, 1);
        string Grant(long id, long at) => ServerMqttController.AccessEventJson(id, at, true, "entry", Num(_alice), Num(_gateIn), "nfc", hash, offline: true);
        gate.PublishEvent(First, Grant(First, t0), 0);
        Assert.Equal(First, gate.WaitAck(First, TimeSpan.FromSeconds(10)));

        // The offline grant "Lost" went out while the server was down; after a reboot the controller sends a newer
        // event, which names "Lost" as the one it follows. Stored, but the mark cannot pass "Lost".
        gate.PublishEvent(Newer, FirmwareEvents.DoorForced(Newer, t0 + 120_000, 1), Lost);
        Assert.Equal(-1, gate.WaitAck(Newer, TimeSpan.FromSeconds(2)));
        var db = _server.Host.Store.Db;
        Assert.Equal(First, db.QuerySingle("SELECT events_acked FROM devices WHERE id = @g", new { g = _gate })!.Long("events_acked"));
        Assert.NotNull(db.QuerySingle("SELECT event_id FROM device_events WHERE device_id = @g AND event_id = @e", new { g = _gate, e = Newer }));

        // The controller's go-back-N resend from its own mark fills the gap: now everything is acknowledged, once.
        gate.PublishEvent(Lost, Grant(Lost, t0 + 60_000), First);
        gate.PublishEvent(Newer, FirmwareEvents.DoorForced(Newer, t0 + 120_000, 1), Lost);
        Assert.Equal(Newer, gate.WaitAck(Newer, TimeSpan.FromSeconds(10)));
        Assert.Equal(2, Rows("user_id = @a"));
        Assert.Equal(1, db.QuerySingle("SELECT COUNT(*) AS n FROM device_events WHERE device_id = @g", new { g = _gate })!.Long("n"));
    }

    [Fact]
    public void An_Online_Decision_And_Its_Journal_Event_Are_One_Row_Linked_By_Request_Id()
    {
        using var gate = new ServerMqttController(_broker, _gateDevice);
        string hash = Hash("nfc", "04A1B2C3");
        var entry = gate.Decide(Num(_gateIn), "nfc", hash, Now);
        var exit = gate.Decide(Num(_gateOut), "nfc", hash, Now);
        Assert.True(entry.Granted && exit.Granted, entry.Reason + " / " + exit.Reason);
        long t = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        // The controller journals each online decision without the user, naming its request (firmware AccessFlow).
        gate.PublishEvent(1, ServerMqttController.AccessEventJson(1, t, true, "entry", 0, Num(_gateIn), "nfc", hash, offline: false, requestId: entry.RequestId), 0);
        gate.PublishEvent(2, ServerMqttController.AccessEventJson(2, t, true, "exit", 0, Num(_gateOut), "nfc", hash, offline: false, requestId: exit.RequestId), 1);
        Assert.Equal(2, gate.WaitAck(2, TimeSpan.FromSeconds(10)));
        var rows = _server.Host.Store.Db.Query("SELECT user_id, method, direction, journal_id, request_id FROM access_log WHERE device_id = @g ORDER BY id", new { g = _gate });
        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.Equal(_alice, r.Str("user_id")));
        Assert.Equal(new[] { "entry", "exit" }, rows.Select(r => r.Str("direction")));
        Assert.Equal(new long[] { 1, 2 }, rows.Select(r => r.Long("journal_id")));
        Assert.Equal(new[] { entry.RequestId, exit.RequestId }, rows.Select(r => r.Str("request_id")));

        // Answered past the controller's deadline: the door acted on its own decision (a denial here, the cache being
        // stale), journalled with the request id. The server's row becomes what the door did; still one row.
        var late = gate.Decide(Num(_gateIn), "nfc", hash, Now);
        Assert.True(late.Granted, late.Reason);
        gate.PublishEvent(3, ServerMqttController.AccessEventJson(3, t, false, "entry", Num(_alice), Num(_gateIn), "nfc", hash, offline: true, requestId: late.RequestId), 2);
        Assert.Equal(3, gate.WaitAck(3, TimeSpan.FromSeconds(10)));
        var corrected = _server.Host.Store.Db.Query("SELECT granted, source, journal_id FROM access_log WHERE device_id = @g AND request_id = @q", new { g = _gate, q = late.RequestId });
        Assert.Single(corrected);
        Assert.False(corrected[0].Bool("granted"));
        Assert.Equal("offline", corrected[0].Str("source"));
        Assert.Equal(3, corrected[0].Long("journal_id"));
        Assert.Equal(3, Rows("device_id IS NOT NULL"));
    }

    [Fact]
    public void Remote_Commands_Reach_The_Controller_Signed_With_Its_Key()
    {
        using var gate = new ServerMqttController(_broker, _gateDevice);
        var (id, published) = _s.Commands.Issue(_gate, null, "lockdown", "admin");
        Assert.True(published);
        var command = gate.TakeCommand();
        Assert.Equal("lockdown", command.Command);
        Assert.Equal(_server.Host.Store.Db.QuerySingle("SELECT issued_at FROM commands WHERE id = @i", new { i = id })!.Long("issued_at"), command.Counter);
        string stored = _server.Host.Store.Db.QuerySingle("SELECT device_key FROM devices WHERE id = @d", new { d = _gate })!.Str("device_key");
        byte[] deviceKey = _s.Context.DeviceKeys.Open(_gate, stored);
        string mac = command.Mac;
        command.Sign(deviceKey, _gate);
        Assert.Equal(command.Mac, mac);
    }

    [Fact]
    public void A_Remote_Unlock_Holds_The_Door_For_Its_Unlock_Time()
    {
        using var gate = new ServerMqttController(_broker, _gateDevice);
        string door = _s.Devices.AddDoor(_gate, "G1", null, 12_000);
        _s.Commands.Issue(_gate, door, "unlock", "admin");
        Assert.Equal(12_000, gate.TakeCommand().DurationMilliseconds);
        _s.Devices.SetDoorUnlock(door, null);
        _s.Commands.Issue(_gate, door, "unlock", "admin");
        Assert.Equal(DoorController.Access.AccessOptions.DefaultUnlockMillisecondsValue, gate.TakeCommand().DurationMilliseconds);
    }

    public void Dispose()
    {
        _server.Dispose();
        _broker.Dispose();
    }
}

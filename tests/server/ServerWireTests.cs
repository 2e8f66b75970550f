using System.Text;
using DoorController.Contract;
using DoorController.LocalBroker;
using DoorController.Server;
using DoorController.Server.Api;
using DoorController.Server.Mqtt;
using DoorController.Server.Services;
using DoorController.Server.Storage;
using DoorController.TestSupport;
using Xunit;

namespace DoorController.ServerTests;

/// <summary>
/// The server's half of message authentication, attacked from the broker (<see cref="WireAttacker"/>): forged and
/// replayed decision requests write no history (also across a restart), forged events are never stored or
/// acknowledged and cannot take a real event's id, a recorded event cannot come back after retention, the server
/// decides on its own clock and alerts on a controller's skewed claim, clock answers are bound to the nonce asked
/// with, and a notification for a controller's terminal is sealed for it.
/// </summary>
public sealed class ServerWireTests : IDisposable
{
    private static readonly List<WindowInput> Always = new() { new WindowInput(0xFF, 0, 1440) };
    private readonly MosquittoBroker _broker = MosquittoBroker.Start();
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "doorctl-wire-" + Guid.NewGuid().ToString("N")[..8]);
    private ServerHost _host;
    private readonly DeviceRegistration _gateDevice;
    private readonly string _gate, _gateIn, _alice, _carol;

    public ServerWireTests()
    {
        _host = StartServer();
        var s = _host.Services;
        _gateDevice = s.Devices.Register(new DeviceInput("Gate", "entrance", "both", null, null, null, null));
        _gate = _gateDevice.Id;
        _gateIn = s.Devices.AddReader(_gate, new ReaderInput(null, "G1", "entry", null, null, null));
        _alice = s.Users.Register(new UserInput("Alice", "employee", null, null, null, null, null,
            new List<CredentialInput> { new("nfc", "04A1B2C3") }, new List<PermissionInput> { new(_gateIn, Always) }));
        long now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        // Carol's access ended an hour ago.
        _carol = s.Users.Register(new UserInput("Carol", "contractor", null, null, null, now - 30L * 86_400_000, now - 3_600_000,
            new List<CredentialInput> { new("nfc", "04C0C0C0") }, new List<PermissionInput> { new(_gateIn, Always) }));
    }

    private ServerHost StartServer()
    {
        var host = ServerHost.Create(new ServerOptions { DataDirectory = _dir, Port = 0, AdminPassword = "wire-test-password", RunRetentionJob = false, Broker = BrokerAccess.Of(_broker) });
        host.Start();
        Assert.True(host.Mqtt!.WaitConnected(TimeSpan.FromSeconds(10)), "server did not connect to mosquitto");
        return host;
    }

    private Database Db => _host.Store.Db;
    private int Num(string id) => NumericIds.Of(Db, id);
    private string Hash(string value) => _host.Services.Context.Hasher.Hash("nfc", value);
    private long Rows(string where = "1 = 1") => Db.QuerySingle("SELECT COUNT(*) AS n FROM access_log WHERE " + where)!.Long("n");
    private bool Alerted(string kind) => _host.Services.Alerts.List(false, 100).Any(a => a.Str("kind") == kind && a.Str("device_id") == _gate);
    private static long Now => DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    private DecisionRequest Request(string uid, long at, bool uncertain = false)
    {
        long nonce = ServerMqttController.NextNonce();
        return new DecisionRequest { RequestId = "q-" + nonce, Nonce = nonce, Reader = Num(_gateIn), CredentialKind = "nfc", CredentialHash = Hash(uid), At = at, ClockUncertain = uncertain };
    }

    [Fact]
    public void Forged_Decision_Requests_Are_Refused_Without_An_Answer_Or_A_Row()
    {
        using var gate = new ServerMqttController(_broker, _gateDevice);
        using var attacker = WireAttacker.WithFullBrokerAccess(_broker);
        var topic = gate.Topics.DecisionRequest;
        // Unsigned, signed under another controller's key, and a genuine-looking MAC copied from another message.
        attacker.Publish(topic, Request("04A1B2C3", Now).ToJson());
        var stranger = new WireKeys(Ids.NewDeviceKey(), gate.Topics);
        attacker.Publish(topic, stranger.Seal(topic, Request("04A1B2C3", Now).ToJson()));
        byte[] genuineElsewhere = gate.Keys.Seal(gate.Topics.ClockRequest, new ClockRequest { Nonce = ServerMqttController.NextNonce() }.ToJson());
        attacker.Publish(topic, genuineElsewhere);

        Assert.True(gate.Silent(gate.Topics.DecisionResponse, TimeSpan.FromSeconds(1)), "a forged request was answered");
        Assert.Equal(0, Rows());
        Assert.Equal(3, _host.Mqtt!.Audit.Count(WireAudit.Forged));
        Assert.True(Alerted(WireAudit.Forged));
        Assert.True(gate.Decide(Num(_gateIn), "nfc", Hash("04A1B2C3"), Now).Granted, "the real controller is still served");
    }

    [Fact]
    public void A_Revoked_Controllers_Key_Is_Refused_Like_A_Strangers()
    {
        using var gate = new ServerMqttController(_broker, _gateDevice);
        Assert.True(gate.Decide(Num(_gateIn), "nfc", Hash("04A1B2C3"), Now).Granted);
        WireKeys kept = gate.Keys;
        LinkTopics topics = gate.Topics;
        _host.Services.Devices.Revoke(_gate);

        // Whoever kept the revoked board's key signs fresh messages with it and reaches the broker another way.
        using var attacker = WireAttacker.WithFullBrokerAccess(_broker);
        var request = Request("04A1B2C3", Now);
        attacker.Publish(topics.DecisionRequest, kept.Seal(topics.DecisionRequest, request.ToJson()));
        string offlineGrant = ServerMqttController.AccessEventJson(1, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), true, "entry", Num(_alice), Num(_gateIn), "nfc", Hash("04A1B2C3"), true);
        attacker.Publish(topics.Events, kept.Seal(topics.Events, new EventMessage { Sequence = 1, EventJson = offlineGrant }.ToJson()));

        Thread.Sleep(1000);
        Assert.Empty(attacker.Heard(topics.DecisionResponse));
        Assert.Empty(attacker.Heard(topics.EventsAck));
        Assert.Equal(1, Rows());
        Assert.Equal(2, _host.Mqtt!.Audit.Count(WireAudit.Forged));
    }

    [Fact]
    public void A_Replayed_Decision_Request_Writes_No_History_Not_Even_After_A_Server_Restart()
    {
        byte[] recorded;
        using (var gate = new ServerMqttController(_broker, _gateDevice))
        using (var attacker = WireAttacker.WithFullBrokerAccess(_broker))
        {
            var request = Request("04A1B2C3", Now);
            recorded = gate.Keys.Seal(gate.Topics.DecisionRequest, request.ToJson());
            attacker.Publish(gate.Topics.DecisionRequest, recorded); // as if the controller had sent it
            Assert.True(gate.AwaitResponse(request, TimeSpan.FromSeconds(5))!.Granted);
            Assert.Equal(1, Rows("user_id = '" + _alice + "'"));
            for (int i = 0; i < 3; i++) attacker.Publish(gate.Topics.DecisionRequest, recorded);
            Assert.True(gate.Silent(gate.Topics.DecisionResponse, TimeSpan.FromSeconds(1)), "a replay was answered");
            Assert.Equal(1, Rows("user_id = '" + _alice + "'"));
            Assert.Equal(3, _host.Mqtt!.Audit.Count(WireAudit.Replayed));
            Assert.True(Alerted(WireAudit.Replayed));
        }

        _host.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _host = StartServer();
        using (var gate = new ServerMqttController(_broker, _gateDevice))
        using (var attacker = WireAttacker.WithFullBrokerAccess(_broker))
        {
            attacker.Publish(gate.Topics.DecisionRequest, recorded);
            Assert.True(gate.Silent(gate.Topics.DecisionResponse, TimeSpan.FromSeconds(1)), "a replay was answered after the restart");
            Assert.Equal(1, Rows("user_id = '" + _alice + "'"));
            Assert.Equal(1, _host.Mqtt!.Audit.Count(WireAudit.Replayed));
            // A fresh request is served (and judged: Alice is inside since the one real entry, not since a replay).
            Assert.Equal("apb-entry-without-exit", gate.Decide(Num(_gateIn), "nfc", Hash("04A1B2C3"), Now).Reason);
            Assert.Equal(2, Rows("user_id = '" + _alice + "'"));
        }
    }

    [Fact]
    public void Forged_Events_Are_Never_Stored_Or_Acknowledged_And_The_Real_Events_With_Those_Ids_Are()
    {
        using var gate = new ServerMqttController(_broker, _gateDevice);
        using var attacker = WireAttacker.WithFullBrokerAccess(_broker);
        long t0 = DateTimeOffset.UtcNow.AddMinutes(-10).ToUnixTimeMilliseconds();
        string ForgedGrant(long id) => ServerMqttController.AccessEventJson(id, t0, true, "entry", Num(_carol), Num(_gateIn), "nfc", Hash("04C0C0C0"), offline: true);
        string Forced(long id) => FirmwareEvents.DoorForced(id, t0, 1);
        var stranger = new WireKeys(Ids.NewDeviceKey(), gate.Topics);
        for (long id = 201; id <= 203; id++)
        {
            attacker.Publish(gate.Topics.Events, new EventMessage { Sequence = id, EventJson = Forced(id) }.ToJson());
            attacker.Publish(gate.Topics.Events, stranger.Seal(gate.Topics.Events, new EventMessage { Sequence = id, EventJson = ForgedGrant(id) }.ToJson()));
        }
        Assert.True(gate.Silent(gate.Topics.EventsAck, TimeSpan.FromSeconds(1)), "a forged event was acknowledged");
        Assert.Equal(0, Rows());
        Assert.Equal(0, Db.QuerySingle("SELECT COUNT(*) AS n FROM device_events")!.Long("n"));
        Assert.DoesNotContain(_host.Services.Alerts.List(false, 100), a => a.Str("kind") == "door_forced");
        Assert.Equal(6, _host.Mqtt!.Audit.Count(WireAudit.Forged));

        // The controller's real events carry the ids the attacker guessed: all stored, none taken for duplicates.
        for (long id = 201; id <= 203; id++)
        {
            gate.PublishEvent(id, ServerMqttController.AccessEventJson(id, t0 + id, false, "entry", Num(_alice), Num(_gateIn), "nfc", Hash("04A1B2C3"), offline: true));
        }
        Assert.Equal(203, gate.WaitAck(203, TimeSpan.FromSeconds(10)));
        Assert.Equal(3, Rows("user_id = '" + _alice + "' AND granted = 0 AND event_id BETWEEN 201 AND 203"));
        Assert.Equal(0, Rows("user_id = '" + _carol + "'"));
    }

    [Fact]
    public void An_Acknowledged_Event_Replayed_After_Retention_Removed_Its_Row_Is_Neither_Stored_Nor_Acknowledged()
    {
        using var gate = new ServerMqttController(_broker, _gateDevice);
        using var attacker = WireAttacker.WithFullBrokerAccess(_broker);
        long t0 = DateTimeOffset.UtcNow.AddDays(-100).ToUnixTimeMilliseconds();
        gate.PublishEvent(301, ServerMqttController.AccessEventJson(301, t0, true, "entry", Num(_alice), Num(_gateIn), "nfc", Hash("04A1B2C3"), offline: true));
        Assert.Equal(301, gate.WaitAck(301, TimeSpan.FromSeconds(10)));
        byte[] recorded = attacker.WaitFor(gate.Topics.Events, _ => true, TimeSpan.FromSeconds(5));
        Assert.Equal(1, _host.Services.Privacy.Purge());
        Assert.Equal(0, Rows());
        attacker.Publish(gate.Topics.Events, recorded);
        WaitUntil(() => _host.Mqtt!.Audit.Count(WireAudit.Replayed) == 1, "the replayed event refused");
        Assert.True(gate.Silent(gate.Topics.EventsAck, TimeSpan.FromMilliseconds(500)), "a refused event was acknowledged");
        Assert.Equal(0, Rows());
        // A resend of an event that is still stored is an ordinary duplicate: acknowledged, not stored again.
        gate.PublishEvent(302, ServerMqttController.AccessEventJson(302, t0 + 1, true, "entry", Num(_alice), Num(_gateIn), "nfc", Hash("04A1B2C3"), offline: true));
        Assert.Equal(302, gate.WaitAck(302, TimeSpan.FromSeconds(10)));
        gate.PublishEvent(302, ServerMqttController.AccessEventJson(302, t0 + 1, true, "entry", Num(_alice), Num(_gateIn), "nfc", Hash("04A1B2C3"), offline: true));
        Assert.Equal(302, gate.WaitAck(302, TimeSpan.FromSeconds(10)));
        Assert.Equal(1, Rows());
    }

    private static void WaitUntil(Func<bool> condition, string what)
    {
        var until = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < until && !condition()) Thread.Sleep(20);
        Assert.True(condition(), "timed out waiting for " + what);
    }

    [Fact]
    public void The_Server_Decides_On_Its_Own_Clock_And_Alerts_When_A_Controller_Claims_Another_Time()
    {
        using var gate = new ServerMqttController(_broker, _gateDevice);
        // The controller claims a time when Carol was still valid: the server's clock says she is not.
        var carol = gate.Decide(Num(_gateIn), "nfc", Hash("04C0C0C0"), Now - 7200);
        Assert.False(carol.Granted);
        Assert.Equal(1, Rows("user_id = '" + _carol + "' AND granted = 0"));
        Assert.True(Alerted(WireAudit.ClockSkew));
        Assert.Equal(1, _host.Mqtt!.Audit.Count(WireAudit.ClockSkew));
        // An uncertain clock claims nothing; a certain one close to the server's is fine.
        gate.Decide(Num(_gateIn), "nfc", Hash("04A1B2C3"), Now - 86_400 * 365, TimeSpan.FromSeconds(5));
        Assert.Equal(2, _host.Mqtt.Audit.Count(WireAudit.ClockSkew));
        var uncertain = Request("04A1B2C3", 0, uncertain: true);
        gate.Send(gate.Topics.DecisionRequest, uncertain.ToJson(), 0);
        Assert.NotNull(gate.AwaitResponse(uncertain, TimeSpan.FromSeconds(5)));
        gate.Decide(Num(_gateIn), "nfc", Hash("04A1B2C3"), Now);
        Assert.Equal(2, _host.Mqtt.Audit.Count(WireAudit.ClockSkew));
        long occurred = Db.QuerySingle("SELECT MAX(occurred_at) AS t FROM access_log WHERE user_id = @c", new { c = _carol })!.Long("t");
        Assert.InRange(occurred, DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeMilliseconds(), DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
    }

    [Fact]
    public void Clock_Answers_Carry_The_Servers_Time_Bound_To_The_Nonce_And_Only_For_A_Genuine_Fresh_Request()
    {
        using var gate = new ServerMqttController(_broker, _gateDevice);
        using var attacker = WireAttacker.WithFullBrokerAccess(_broker);
        var ask = new ClockRequest { Nonce = ServerMqttController.NextNonce() };
        byte[] sealedAsk = gate.Keys.Seal(gate.Topics.ClockRequest, ask.ToJson());
        long before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        Assert.True(gate.SendRaw(gate.Topics.ClockRequest, sealedAsk, 0));
        byte[]? answer = gate.Next(gate.Topics.Clock, TimeSpan.FromSeconds(5));
        Assert.NotNull(answer);
        Assert.True(ClockMessage.TryParse(answer!, out var clock, out string error), error);
        Assert.Equal(ask.Nonce, clock.Nonce);
        Assert.InRange(clock.UtcMilliseconds, before - 1000, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() + 1000);
        attacker.Publish(gate.Topics.ClockRequest, sealedAsk);
        attacker.Publish(gate.Topics.ClockRequest, new ClockRequest { Nonce = ServerMqttController.NextNonce() }.ToJson());
        Assert.True(gate.Silent(gate.Topics.Clock, TimeSpan.FromSeconds(1)), "a replayed or forged clock request was answered");
        Assert.Equal(1, _host.Mqtt!.Audit.Count(WireAudit.Replayed));
        Assert.Equal(1, _host.Mqtt.Audit.Count(WireAudit.Forged));
    }

    [Fact]
    public void A_Notification_Routed_To_A_Controllers_Terminal_Is_Sealed_For_It_And_Refusals_It_Reports_Are_Alerted()
    {
        using var gate = new ServerMqttController(_broker, _gateDevice);
        // A route may name a terminal topic or a controller's door terminal, never another protocol topic.
        Assert.Equal(400, Assert.Throws<ApiException>(() => _host.Services.Users.AddRoute(_alice, _gateIn, "mqtt", gate.Topics.Command, "fraud-error")).Status);
        _host.Services.Users.AddRoute(_alice, _gateIn, "mqtt", gate.Topics.Notify, "fraud-error");
        _host.Services.Alerts.Raise("fraud", "high", _alice, _gate, _gateIn, null, "second entry without exit");
        byte[]? payload = gate.Next(gate.Topics.Notify, TimeSpan.FromSeconds(10));
        Assert.NotNull(payload);
        Assert.True(Notification.TryParse(payload!, out var notification, out string error), error);
        Assert.Equal("second entry without exit", notification.Text);
        Assert.InRange(notification.IssuedMilliseconds, DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeMilliseconds(), DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());

        var report = new ErrorMessage { Nonce = ServerMqttController.NextNonce(), Topic = gate.Topics.DecisionResponse, Error = "refused: bad-mac" };
        Assert.True(gate.Send(gate.Topics.Error, report.ToJson(), 0));
        var until = DateTime.UtcNow.AddSeconds(5);
        while (DateTime.UtcNow < until && !Alerted(WireAudit.ControllerRefusal)) Thread.Sleep(20);
        Assert.Contains(_host.Services.Alerts.List(false, 100), a => a.Str("kind") == WireAudit.ControllerRefusal && a.Str("message").Contains("bad-mac"));
    }

    public void Dispose()
    {
        _host.Dispose();
        _broker.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }
}

using System.Text;
using System.Text.Json;
using DoorController.Contract;
using DoorController.Hal;
using DoorController.Hal.Host.Mqtt;
using DoorController.LocalBroker;
using DoorController.Server.Mqtt;
using DoorController.Server.Services;
using Xunit;
using static DoorController.TestSupport.ServerTestHost;

using DoorController.TestSupport;

namespace DoorController.ServerTests;

/// <summary>
/// What controllers say about themselves reaches the guard desk: the retained status (door, lock, mode, cache,
/// journal, firmware, clock) and the last will through a real mosquitto, command results settling the command they
/// answer (only from the controller it was sent to), refused messages kept to the newest 100, and nothing stored
/// for an id that is not a registered controller. The status messages are the firmware's own class, sealed as the
/// firmware seals them; a status, result or error without the controller's MAC is refused, counted and alerted.
/// </summary>
public sealed class ControllerReportsTests : IDisposable
{
    private readonly MosquittoBroker _broker = MosquittoBroker.Start();
    private readonly ServerTestHost _server;
    private readonly ServerServices _s;
    private readonly HttpClient _guard;
    private readonly string _gate, _door, _lab;
    private readonly DeviceRegistration _gateRegistration, _labRegistration;

    public ControllerReportsTests()
    {
        _server = new ServerTestHost(_broker);
        _s = _server.Host.Services;
        _gateRegistration = _s.Devices.Register(new DeviceInput("Gate", "lobby", "both", null, null, null, null));
        _gate = _gateRegistration.Id;
        _door = _s.Devices.AddDoor(_gate, "Main door", null);
        _labRegistration = _s.Devices.Register(new DeviceInput("Lab", "third floor", "both", null, null, null, null));
        _lab = _labRegistration.Id;
        _s.Admins.Create("desk", "desk-password-1", "guard");
        _guard = _server.SignedIn("desk", "desk-password-1");
    }

    /// <summary>A controller on the broker with the identity its registration created.</summary>
    private BrokerPeer Controller(DeviceRegistration device)
    {
        var peer = BrokerPeer.Connect(_broker, device.Broker!);
        Assert.True(peer.Connected, peer.LastError);
        return peer;
    }

    /// <summary>The message as the controller seals it (its purpose key for that topic).</summary>
    private static byte[] Sealed(DeviceRegistration device, string topic, byte[] json) =>
        new WireKeys(Convert.FromHexString(device.Key), new LinkTopics(device.Id)).Seal(topic, json);

    private JsonElement Live(string device) =>
        Parse(_guard.GetAsync("/api/live/doors").Result).EnumerateArray().First(d => d.GetProperty("deviceId").GetString() == device);

    private static void WaitFor(Func<bool> condition, string what)
    {
        var until = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < until && !condition()) Thread.Sleep(20);
        Assert.True(condition(), "timed out waiting for " + what);
    }

    private static byte[] Status(string door, string @lock, string mode = "normal", long cache = 3, int journal = 0, long at = 0) => new StatusMessage
    {
        Nonce = ServerMqttController.NextNonce(), Firmware = "1.2.3", CacheVersion = cache, JournalDepth = journal, Mode = mode, Door = door, Lock = @lock, TimeState = "server", UptimeSeconds = 120,
        At = at == 0 ? DateTimeOffset.UtcNow.ToUnixTimeSeconds() : at, ClockUncertain = false,
    }.ToJson();

    [Fact]
    public void Status_And_Last_Will_Through_The_Broker_Drive_The_Live_Door_View()
    {
        Assert.Equal("never", Live(_gate).GetProperty("connection").GetString());
        using var gate = Controller(_gateRegistration);
        var topics = new LinkTopics(_gate);
        Assert.True(gate.Publish(topics.Status, Sealed(_gateRegistration, topics.Status, Status("closed", "locked", cache: 3, journal: 2)), 1, true));
        WaitFor(() => Live(_gate).GetProperty("connection").GetString() == "online", "the gate online");
        var d = Live(_gate);
        Assert.Equal("Main door", d.GetProperty("doorName").GetString());
        Assert.Equal("closed", d.GetProperty("door").GetString());
        Assert.Equal("locked", d.GetProperty("lock").GetString());
        Assert.Equal("1.2.3", d.GetProperty("firmware").GetString());
        Assert.Equal("server", d.GetProperty("timeSource").GetString());
        Assert.Equal(2, d.GetProperty("journalDepth").GetInt32());
        long wanted = d.GetProperty("serverCacheVersion").GetInt64();
        Assert.Equal(3, d.GetProperty("cacheVersion").GetInt64());
        Assert.Equal(3 >= wanted, d.GetProperty("cacheCurrent").GetBoolean());

        // The door is forced: the controller republishes at once, and the guard desk sees it.
        gate.Publish(topics.Status, Sealed(_gateRegistration, topics.Status, Status("forced", "locked", cache: wanted)), 1, true);
        WaitFor(() => Live(_gate).GetProperty("door").GetString() == "forced", "the forced door");
        Assert.True(Live(_gate).GetProperty("cacheCurrent").GetBoolean());
        gate.Publish(topics.Status, Sealed(_gateRegistration, topics.Status, Status("closed", "locked", mode: "lockdown", cache: wanted)), 1, true);
        WaitFor(() => Live(_gate).GetProperty("mode").GetString() == "lockdown", "lockdown");

        // The broker publishes the controller's last will when it vanishes (signed at connect, so its nonce is below
        // the statuses since): offline, and what it said last is kept.
        gate.Publish(topics.Status, Sealed(_gateRegistration, topics.Status, StatusMessage.Offline(1)), 1, true);
        WaitFor(() => Live(_gate).GetProperty("connection").GetString() == "offline", "the gate offline");
        Assert.Equal("1.2.3", Live(_gate).GetProperty("firmware").GetString());
        Assert.Equal("never", Live(_lab).GetProperty("connection").GetString());

        // A status from an id no controller was registered under, or without a MAC, changes nothing — even from an
        // identity the broker lets publish anywhere (a leaked privileged password): both are refused as forged.
        long handled = _s.Reports.Handled, forged = _server.Host.Mqtt!.Audit.Count(WireAudit.Forged);
        using var attacker = BrokerPeer.Attacker(_broker);
        attacker.Publish(new LinkTopics("d-stranger").Status, Status("open", "unlocked"), 1, true);
        attacker.Publish(new LinkTopics(_lab).Status, Encoding.UTF8.GetBytes("{\"v\":1,\"nonce\":1,\"state\":\"online\",\"journal-depth\":\"many\"}"), 1, false);
        WaitFor(() => _server.Host.Mqtt!.Audit.Count(WireAudit.Forged) >= forged + 2, "both statuses refused");
        Assert.Equal(handled, _s.Reports.Handled);
        Assert.Equal(1, _server.Count("controller_status"));
        Assert.Equal("never", Live(_lab).GetProperty("connection").GetString());
    }

    [Fact]
    public void A_Two_Door_Controller_Shows_Each_Doors_State_At_That_Door_Here_And_In_Home_Assistant_And_Unlocks_Door_2()
    {
        string second = _s.Devices.AddDoor(_gate, "Cash room", null);
        long Number(string door) => (long)_s.LiveDoors.List().Single(d => (string)d["doorId"] == door)["doorNumber"]!;
        long first = Number(_door), number2 = Number(second);
        JsonElement At(string door) => Parse(_guard.GetAsync("/api/live/doors").Result).EnumerateArray().First(d => d.GetProperty("doorId").GetString() == door);
        var sent = new Dictionary<string, string>();
        var ha = new DoorController.Server.HomeAssistant.HomeAssistantStates(_s, "homeassistant",
            (t, p) => { if (p.Length == 0) sent.Remove(t); else sent[t] = p; return true; }, (t, p) => true);

        using var gate = Controller(_gateRegistration);
        Assert.True(gate.Subscribe(new LinkTopics(_gate).Command));
        var topics = new LinkTopics(_gate);
        byte[] TwoDoors(string door2, string lock2, string mode2) => new StatusMessage
        {
            Nonce = ServerMqttController.NextNonce(), Firmware = "1.2.3", CacheVersion = 3, Mode = "normal", Door = "closed", Lock = "locked",
            DoorId = (int)first, Door2 = door2, Lock2 = lock2, Mode2 = mode2, Door2Id = (int)number2, TimeState = "server", UptimeSeconds = 120,
            At = DateTimeOffset.UtcNow.ToUnixTimeSeconds(), ClockUncertain = false,
        }.ToJson();
        Assert.True(gate.Publish(topics.Status, Sealed(_gateRegistration, topics.Status, TwoDoors("open", "unlocked", "lockdown")), 1, true));
        WaitFor(() => At(second).GetProperty("door").ValueKind == JsonValueKind.String && At(second).GetProperty("door").GetString() == "open", "door 2 open");
        Assert.Equal("unlocked", At(second).GetProperty("lock").GetString());
        Assert.Equal(2, At(second).GetProperty("controllerDoor").GetInt32());
        Assert.Equal("closed", At(_door).GetProperty("door").GetString());
        Assert.Equal("locked", At(_door).GetProperty("lock").GetString());
        Assert.Equal(1, At(_door).GetProperty("controllerDoor").GetInt32());
        Assert.Equal("lockdown", At(second).GetProperty("mode").GetString()); // door 2 locked down alone
        Assert.Equal("normal", At(_door).GetProperty("mode").GetString());

        // Home Assistant: a lock and a door sensor for each door, each with its own door's state.
        ha.Publish();
        string Node(string door) => "doorctl_" + door.Replace('-', '_');
        Assert.Contains("homeassistant/lock/" + Node(second) + "/lock/config", sent.Keys);
        Assert.Contains("homeassistant/binary_sensor/" + Node(second) + "/contact/config", sent.Keys);
        Assert.Contains("homeassistant/lock/" + Node(_door) + "/lock/config", sent.Keys);
        Assert.Contains("\"lock\":\"OPEN\"", sent[HomeAssistantTopics.State(second)]);
        Assert.Contains("\"contact\":\"ON\"", sent[HomeAssistantTopics.State(second)]);
        Assert.Contains("\"mode\":\"lockdown\"", sent[HomeAssistantTopics.State(second)]);
        Assert.Contains("\"lock\":\"LOCKED\"", sent[HomeAssistantTopics.State(_door)]);
        Assert.Contains("\"contact\":\"OFF\"", sent[HomeAssistantTopics.State(_door)]);

        // A remote unlock of door 2 names door 2's number in the signed command.
        _s.Commands.Issue(_gate, second, "unlock", "admin");
        byte[]? command = gate.WaitFor((t, p) => t == topics.Command, TimeSpan.FromSeconds(10));
        Assert.NotNull(command);
        Assert.True(CommandMessage.TryParse(command!, out CommandMessage parsed, out string error), error);
        Assert.Equal(number2, parsed.Door);

        // The second door unconfigured again: it shows no state, and its Home Assistant entities are removed.
        Assert.True(gate.Publish(topics.Status, Sealed(_gateRegistration, topics.Status, TwoDoors(null!, null!, null!)), 1, true));
        WaitFor(() => At(second).GetProperty("controllerDoor").ValueKind == JsonValueKind.Null, "door 2 no longer driven");
        Assert.Equal(JsonValueKind.Null, At(second).GetProperty("door").ValueKind);
        Assert.Equal(JsonValueKind.Null, At(second).GetProperty("lock").ValueKind);
        Assert.Equal("closed", At(_door).GetProperty("door").GetString());
        ha.Publish();
        Assert.DoesNotContain("homeassistant/lock/" + Node(second) + "/lock/config", sent.Keys);
        Assert.DoesNotContain(HomeAssistantTopics.State(second), sent.Keys);
        Assert.Contains("homeassistant/lock/" + Node(_door) + "/lock/config", sent.Keys);
    }

    [Fact]
    public void A_Forged_Status_Is_Not_Shown_In_Doors_Live_And_Is_Counted_And_Alerted()
    {
        using var gate = Controller(_gateRegistration);
        var topics = new LinkTopics(_gate);
        Assert.True(gate.Publish(topics.Status, Sealed(_gateRegistration, topics.Status, Status("closed", "locked")), 1, true));
        WaitFor(() => Live(_gate).GetProperty("connection").GetString() == "online", "the gate online");
        long handled = _s.Reports.Handled;

        // Valid JSON a controller would send, from an identity the broker lets publish anywhere: once under a key that
        // is not the gate's, once without a MAC at all; then a sealed status recorded earlier, published again.
        using var attacker = BrokerPeer.Attacker(_broker);
        var stranger = new WireKeys(Ids.NewDeviceKey(), topics);
        Assert.True(attacker.Publish(topics.Status, stranger.Seal(topics.Status, Status("forced", "unlocked", mode: "released")), 1, true));
        Assert.True(attacker.Publish(topics.Status, Status("open", "unlocked"), 1, true));
        byte[] recorded = Sealed(_gateRegistration, topics.Status, Status("held", "unlocked"));
        Assert.True(gate.Publish(topics.Status, Sealed(_gateRegistration, topics.Status, Status("closed", "locked")), 1, true));
        WaitFor(() => _s.Reports.Handled > handled, "the genuine status handled");
        Assert.True(attacker.Publish(topics.Status, recorded, 1, true));

        var audit = _server.Host.Mqtt!.Audit;
        WaitFor(() => audit.Count(WireAudit.Forged) == 2 && audit.Count(WireAudit.Replayed) == 1, "two forgeries and a replay refused");
        Assert.Equal(handled + 1, _s.Reports.Handled);
        var d = Live(_gate);
        Assert.Equal("online", d.GetProperty("connection").GetString());
        Assert.Equal("closed", d.GetProperty("door").GetString());
        Assert.Equal("locked", d.GetProperty("lock").GetString());
        Assert.Equal("normal", d.GetProperty("mode").GetString());
        // The count comes first, the alert row a moment later.
        bool Alerted(string kind) => _s.Alerts.List(false, 100).Any(a => a.Str("device_id") == _gate && a.Str("kind") == kind);
        WaitFor(() => Alerted(WireAudit.Forged) && Alerted(WireAudit.Replayed), "both alerts raised");
    }

    [Fact]
    public void A_Status_Older_Than_Three_Intervals_Reads_Silent_And_A_Retained_One_Keeps_Its_Own_Time()
    {
        long old = DateTimeOffset.UtcNow.AddMinutes(-10).ToUnixTimeSeconds();
        _s.Reports.Handle("status", _gate, Status("closed", "locked", at: old));
        var d = Live(_gate);
        Assert.Equal("silent", d.GetProperty("connection").GetString());
        Assert.Equal(old * 1000, d.GetProperty("lastSeen").GetInt64());
        _s.Reports.Handle("status", _gate, Status("open", "unlocked"));
        Assert.Equal("online", Live(_gate).GetProperty("connection").GetString());
        Assert.Equal("open", Live(_gate).GetProperty("door").GetString());
    }

    [Fact]
    public void A_Command_Result_Settles_Only_Its_Own_Command_From_Its_Own_Controller()
    {
        var (id, published) = _s.Commands.Issue(_gate, _door, "unlock", "admin");
        Assert.True(published);
        // The lab answers the gate's command on its own topic: not the controller the command went to, ignored.
        using var lab = Controller(_labRegistration);
        long handled = _s.Reports.Handled;
        var forged = new CommandResult { RequestId = "cmd-" + id, Command = "unlock", Ok = false, Error = "forged" };
        forged.Nonce = ServerMqttController.NextNonce();
        Assert.True(lab.Publish(new LinkTopics(_lab).CommandResult, Sealed(_labRegistration, new LinkTopics(_lab).CommandResult, forged.ToJson()), 1, false));
        WaitFor(() => _s.Reports.Handled > handled, "the forged result handled");
        Assert.Null(_server.Host.Store.Db.QuerySingle("SELECT result FROM commands WHERE id = @i", new { i = id })!.Str("result"));
        using var gate = Controller(_gateRegistration);
        var real = new CommandResult { Nonce = ServerMqttController.NextNonce(), RequestId = "cmd-" + id, Command = "unlock", Ok = true };
        Assert.True(gate.Publish(new LinkTopics(_gate).CommandResult, real.ToJson(), 1, false), "unsealed");
        var gateTopics = new LinkTopics(_gate);
        Assert.True(gate.Publish(gateTopics.CommandResult, Sealed(_gateRegistration, gateTopics.CommandResult, real.ToJson()), 1, false));
        WaitFor(() => _server.Host.Store.Db.QuerySingle("SELECT result FROM commands WHERE id = @i", new { i = id })!.Str("result") != null, "the result");
        Assert.Equal("ok", _server.Host.Store.Db.QuerySingle("SELECT result FROM commands WHERE id = @i", new { i = id })!.Str("result"));
        var last = Live(_gate).GetProperty("lastCommand");
        Assert.Equal("unlock", last.GetProperty("command").GetString());
        Assert.Equal("ok", last.GetProperty("result").GetString());
        // A second answer does not rewrite the first.
        _s.Reports.Handle("result", _gate, new CommandResult { RequestId = "cmd-" + id, Command = "unlock", Ok = false, Error = "late" }.ToJson());
        Assert.Equal("ok", _server.Host.Store.Db.QuerySingle("SELECT result FROM commands WHERE id = @i", new { i = id })!.Str("result"));
        var listed = Parse(_guard.GetAsync("/api/live/commands?deviceId=" + _gate).Result);
        Assert.Equal("ok", listed[0].GetProperty("result").GetString());
    }

    [Fact]
    public void Refused_Messages_Are_Listed_And_Only_The_Newest_Hundred_Are_Kept()
    {
        using var gate = Controller(_gateRegistration);
        var message = new ErrorMessage { Nonce = ServerMqttController.NextNonce(), Topic = new LinkTopics(_gate).Command, Error = "command refused: bad mac" };
        var topic = new LinkTopics(_gate).Error;
        gate.Publish(topic, message.ToJson(), 0, false); // unsealed: refused, never stored
        gate.Publish(topic, Sealed(_gateRegistration, topic, message.ToJson()), 0, false);
        WaitFor(() => _server.Count("controller_errors") == 1, "the refusal stored");
        Assert.Equal(1, _server.Host.Mqtt!.Audit.Count(WireAudit.Forged));
        Assert.Equal(1, _server.Host.Mqtt.Audit.Count(WireAudit.ControllerRefusal));
        var listed = Parse(_guard.GetAsync("/api/live/errors?deviceId=" + _gate).Result);
        Assert.Equal("command refused: bad mac", listed[0].GetProperty("error").GetString());
        Assert.Equal(1, Live(_gate).GetProperty("errorsToday").GetInt32());
        for (int i = 0; i < ControllerReports.ErrorsKept + 20; i++)
        {
            _s.Reports.Handle("error", _gate, new ErrorMessage { Topic = "t", Error = "flood " + i }.ToJson());
        }
        Assert.Equal(ControllerReports.ErrorsKept, _server.Count("controller_errors"));
        Assert.Equal("flood " + (ControllerReports.ErrorsKept + 19), Parse(_guard.GetAsync("/api/live/errors?limit=1").Result)[0].GetProperty("error").GetString());
    }

    public void Dispose()
    {
        _guard.Dispose();
        _server.Dispose();
        _broker.Dispose();
    }
}

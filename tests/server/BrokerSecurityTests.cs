using System.Text;
using System.Text.Json;
using DoorController.Contract;
using DoorController.LocalBroker;
using DoorController.Server.Services;
using DoorController.TestSupport;
using Xunit;

namespace DoorController.ServerTests;

/// <summary>
/// The broker knows who each client is (docs/security.md, "Broker"): the real server administers a real mosquitto
/// with the dynamic-security plugin over TLS, controllers are registered through the server, and every attack is
/// made as a client on that broker. Refusals are proven by observation: an observer with full read access (and the
/// victim itself) never sees the message, while a marker sent afterwards on an allowed topic does arrive.
/// </summary>
public sealed class BrokerSecurityTests : IDisposable
{
    private static readonly TimeSpan Arrival = TimeSpan.FromSeconds(5);
    private readonly MosquittoBroker _broker = MosquittoBroker.Start();
    private readonly ServerTestHost _server;
    private readonly DeviceRegistration _door1, _door2;
    private readonly LinkTopics _t1, _t2;

    public BrokerSecurityTests()
    {
        _server = new ServerTestHost(_broker);
        var devices = _server.Host.Services.Devices;
        _door1 = devices.Register(new DeviceInput("Door 1", "lobby", "both", null, null, null, null));
        _door2 = devices.Register(new DeviceInput("Door 2", "lab", "both", null, null, null, null));
        _t1 = new LinkTopics(_door1.Id);
        _t2 = new LinkTopics(_door2.Id);
    }

    private BrokerPeer Controller(DeviceRegistration device) => BrokerPeer.Connect(_broker, device.Broker!);

    /// <summary>A full-access observer subscribed to the whole protocol tree before the attack.</summary>
    private BrokerPeer Observer()
    {
        var observer = BrokerPeer.Attacker(_broker, "observer");
        Assert.True(observer.Connected, observer.LastError);
        Assert.True(observer.Subscribe(LinkTopics.Root + "/#"), observer.LastError);
        return observer;
    }

    [Fact]
    public void Home_Assistant_Topics_Under_Another_Prefix_Reach_Every_Server_Instances_Role_Once_Granted()
    {
        // Several instances on one database: any of them may lead and publish discovery (docs/scaling.md).
        using var instance = BrokerPeer.Connect(_broker, _broker.Admin.CreateServerInstance("b"));
        Assert.True(instance.Connected, instance.LastError);
        using var observer = BrokerPeer.Attacker(_broker, "observer");
        Assert.True(observer.Subscribe("site/ha/#"), observer.LastError);
        Assert.True(observer.Subscribe(LinkTopics.Root + "/#"), observer.LastError);

        string config = "site/ha/lock/doorctl_x/lock/config";
        instance.Publish(config, "{}");
        instance.Publish(_t1.Notify, "marker-1");
        Assert.NotNull(observer.WaitFor((t, p) => t == _t1.Notify && Encoding.UTF8.GetString(p) == "marker-1", Arrival));
        Assert.Empty(observer.TextsOn(config)); // the default prefix is all an instance's role holds

        var changed = _broker.Admin.AddServerAcls(BrokerRoles.ServerHomeAssistant("site/ha"));
        Assert.Contains(BrokerRoles.ServerUser, changed);
        Assert.Contains(BrokerRoles.ServerInstanceUser("b"), changed);
        Assert.DoesNotContain(BrokerRoles.ControllerUser(_door1.Id), changed);
        instance.Publish(config, "{}");
        Assert.NotNull(observer.WaitFor((t, _) => t == config, Arrival));
    }

    [Fact]
    public void Anonymous_And_Wrong_Password_Clients_Are_Refused()
    {
        using var anonymous = BrokerPeer.Anonymous(_broker);
        Assert.False(anonymous.Connected);
        Assert.Contains("not authorised", anonymous.LastError);

        using var guessing = BrokerPeer.Connect(_broker, _door1.Broker! with { Password = "guessed-password" });
        Assert.False(guessing.Connected);
        Assert.Contains("not authorised", guessing.LastError);
    }

    [Fact]
    public void A_Controller_Publishing_On_Another_Controllers_Upstream_Topics_Is_Dropped_By_The_Broker()
    {
        using var observer = Observer();
        using var door1 = Controller(_door1);
        Assert.True(door1.Connected, door1.LastError);
        long rowsBefore = _server.Count("access_log");

        // door 1 speaks for door 2: a forged event, a forged decision request, a forged retained "offline" status.
        var forgedEvent = new EventMessage { Sequence = 1, EventJson = ServerMqttController.AccessEventJson(1, 0, true, "entry", 1, 1, "nfc", "00", true) };
        Assert.True(door1.Publish(_t2.Events, forgedEvent.ToJson()));
        Assert.True(door1.Publish(_t2.DecisionRequest, "{\"v\":1,\"request-id\":\"forged-1\",\"door\":1,\"reader\":1,\"credential-kind\":\"nfc\",\"credential\":\"00\",\"at\":0,\"clock-uncertain\":false}", 0));
        Assert.True(door1.Publish(_t2.Status, "{\"v\":1,\"state\":\"offline\",\"forged\":true}", 1, retain: true));
        // Then something door 1 may send: its own error topic.
        Assert.True(door1.Publish(_t1.Error, "{\"v\":1,\"topic\":\"x\",\"error\":\"marker-1\"}"));

        Assert.NotNull(observer.WaitFor((t, p) => t == _t1.Error && Encoding.UTF8.GetString(p).Contains("marker-1"), Arrival));
        Assert.Empty(observer.Received.Where(m => m.Topic.StartsWith(LinkTopics.Root + "/dev/" + _door2.Id + "/", StringComparison.Ordinal)));
        // The server neither answered nor stored anything for door 2.
        Assert.Equal(rowsBefore, _server.Count("access_log"));
        using var late = Observer();
        Thread.Sleep(300);
        Assert.Empty(late.TextsOn(_t2.Status)); // nothing retained under door 2's status
    }

    [Fact]
    public void A_Controller_Cannot_Subscribe_To_Another_Controllers_Downstream_Topics()
    {
        using var door1 = Controller(_door1);
        using var door2 = Controller(_door2);
        Assert.True(door2.Subscribe(_t2.Command), door2.LastError);
        Assert.True(door1.Subscribe(_t1.Command), door1.LastError);

        Assert.False(door1.Subscribe(_t2.Command));
        Assert.False(door1.Subscribe(_t2.DecisionResponse, 0));
        Assert.False(door1.Subscribe(LinkTopics.Root + "/dev/+/cmd"));
        Assert.False(door1.Subscribe(LinkTopics.Root + "/dev/" + _door2.Id + "/#"));
        Assert.False(door1.Subscribe("#"));

        // The server sends door 2 a signed command: door 2 gets it, door 1 never does.
        var (commandId, published) = _server.Host.Services.Commands.Issue(_door2.Id, null, "lockdown", "admin");
        Assert.True(published);
        Assert.NotNull(door2.WaitFor((t, p) => t == _t2.Command && Encoding.UTF8.GetString(p).Contains("lockdown"), Arrival));
        Assert.DoesNotContain(door1.Received, m => m.Topic == _t2.Command);
        Assert.Empty(door1.Received);
        Assert.NotNull(commandId);
    }

    [Fact]
    public void Only_The_Server_May_Publish_Downstream_Topics()
    {
        using var observer = Observer();
        using var door1 = Controller(_door1);
        using var door2 = Controller(_door2);
        foreach (string topic in _t2.Subscriptions()) Assert.True(door2.Subscribe(topic), door2.LastError);
        foreach (string topic in _t1.Subscriptions()) Assert.True(door1.Subscribe(topic), door1.LastError);

        // A controller forging every downstream message (answers, acks, chunks, commands, notifications, the clock),
        // for another controller and for itself, some retained so they would wait for the next subscriber.
        string grant = "{\"v\":1,\"request-id\":\"q-1\",\"granted\":true,\"reason\":\"ok\",\"unlock-ms\":600000,\"server-time\":1,\"forged\":true}";
        foreach (string topic in _t2.Subscriptions().Concat(_t1.Subscriptions()).Distinct())
        {
            Assert.True(door1.Publish(topic, grant, 1, retain: true));
            Assert.True(door1.Publish(topic, grant, 0));
        }
        // The real server's command to door 2 is the marker.
        _server.Host.Services.Commands.Issue(_door2.Id, null, "normal", "admin");

        Assert.NotNull(door2.WaitFor((t, p) => t == _t2.Command && Encoding.UTF8.GetString(p).Contains("\"normal\""), Arrival));
        Assert.NotNull(observer.WaitFor((t, p) => t == _t2.Command && Encoding.UTF8.GetString(p).Contains("\"normal\""), Arrival));
        var forged = door2.Received.Concat(observer.Received).Where(m => Encoding.UTF8.GetString(m.Payload).Contains("forged"));
        Assert.Empty(forged);
        Assert.Empty(door1.Received);
        using var late = Observer();
        Thread.Sleep(300);
        Assert.Empty(late.Received.Where(m => Encoding.UTF8.GetString(m.Payload).Contains("forged")));
    }

    [Fact]
    public void Taking_Over_The_Servers_Client_Id_Is_Refused_And_The_Server_Stays_Connected()
    {
        using var door2 = new ServerMqttController(_broker, _door2);
        door2.PublishEvent(1, ServerMqttController.AccessEventJson(1, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), false, "entry", 0, 0, "nfc", "00", false));
        Assert.Equal(1, door2.WaitAck(1, Arrival));

        // A controller's identity, and even a full-access identity, cannot connect with the server's client id ...
        using var thief = BrokerPeer.Connect(_broker, _door1.Broker!, clientId: BrokerRoles.ServerUser);
        Assert.False(thief.Connected);
        using var privilegedThief = BrokerPeer.Connect(_broker, _broker.Admin.CreateFullAccess("thief"), clientId: BrokerRoles.ServerUser);
        Assert.False(privilegedThief.Connected);
        // ... nor with another controller's.
        using var impostor = BrokerPeer.Connect(_broker, _door1.Broker!, clientId: LinkTopics.ClientIdOf(_door2.Id));
        Assert.False(impostor.Connected);

        // The server was never knocked off: same session, still answering.
        Assert.True(_server.Host.Mqtt!.IsConnected);
        Assert.DoesNotContain("Client " + BrokerRoles.ServerUser + " already connected", _broker.LogText);
        door2.PublishEvent(2, ServerMqttController.AccessEventJson(2, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), false, "entry", 0, 0, "nfc", "00", false));
        Assert.Equal(2, door2.WaitAck(2, Arrival));
    }

    [Fact]
    public void Registration_Creates_A_Working_Identity_Shown_Once_And_Revocation_Disconnects_It()
    {
        using var admin = _server.SignedIn();
        var created = admin.PostAsync("/api/devices", ServerTestHost.Json(new { name = "Door 3", location = "garage", usage = "both" })).Result;
        Assert.Equal(201, (int)created.StatusCode);
        JsonElement body = ServerTestHost.Parse(created);
        string id = body.GetProperty("id").GetString()!;
        JsonElement broker = body.GetProperty("broker");
        var login = new BrokerLogin(broker.GetProperty("username").GetString()!, broker.GetProperty("password").GetString()!, broker.GetProperty("clientId").GetString()!);
        Assert.Equal(LinkTopics.ClientIdOf(id), login.ClientId);
        Assert.True(login.Password.Length >= 43, "a 256-bit random password");
        // Shown once: the server keeps no copy of the broker password (the broker keeps a salted hash).
        foreach (var row in _server.Host.Store.Db.Query("SELECT * FROM devices WHERE id = @id", new { id }))
        {
            Assert.DoesNotContain(login.Password, JsonSerializer.Serialize(row));
        }
        Assert.DoesNotContain("password", admin.GetStringAsync("/api/devices").Result);

        using var observer = Observer();
        using var door3 = BrokerPeer.Connect(_broker, login);
        Assert.True(door3.Connected, door3.LastError);
        var topics = new LinkTopics(id);
        Assert.True(door3.Subscribe(topics.Command));
        Assert.True(door3.Publish(topics.Status, "{\"v\":1,\"state\":\"online\"}"));
        Assert.NotNull(observer.WaitFor((t, _) => t == topics.Status, Arrival));

        var revoked = admin.DeleteAsync("/api/devices/" + id).Result;
        Assert.Equal(200, (int)revoked.StatusCode);
        Assert.Equal("identity-deleted", ServerTestHost.Parse(revoked).GetProperty("broker").GetString());
        var until = DateTime.UtcNow + Arrival;
        while (door3.IsConnected && DateTime.UtcNow < until) Thread.Sleep(20);
        Assert.False(door3.IsConnected, "the broker must disconnect a revoked controller at once");
        using var again = BrokerPeer.Connect(_broker, login);
        Assert.False(again.Connected);
        Assert.False(_broker.Admin.Exists(login.Username));
    }

    [Fact]
    public void With_The_Broker_Down_Registration_Writes_Nothing_And_A_Revocation_Completes_When_It_Is_Back()
    {
        var devices = _server.Host.Services.Devices;
        long before = _server.Count("devices");
        _broker.Stop();
        var refused = Assert.Throws<DoorController.Server.Api.ApiException>(() => devices.Register(new DeviceInput("Door 4", "roof", "both", null, null, null, null)));
        Assert.Equal(503, refused.Status);
        Assert.Equal(before, _server.Count("devices"));

        Assert.False(devices.Revoke(_door1.Id), "the broker is down: the identity is deleted later");
        _broker.Restart();
        Assert.True(_server.Host.Mqtt!.WaitConnected(TimeSpan.FromSeconds(15)));
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (_broker.Admin.Exists(_door1.Broker!.Username) && DateTime.UtcNow < until) Thread.Sleep(100);
        Assert.False(_broker.Admin.Exists(_door1.Broker!.Username), "revoked while the broker was down, deleted when it came back");
        using var door1 = Controller(_door1);
        Assert.False(door1.Connected);
        Assert.True(_broker.Admin.Exists(_door2.Broker!.Username));
    }

    [Fact]
    public void The_Attacker_Helper_Has_Full_Access_Outside_The_Control_Topic()
    {
        using var door1 = Controller(_door1);
        Assert.True(door1.Subscribe(_t1.Command));
        using var attacker = BrokerPeer.Attacker(_broker);
        Assert.True(attacker.Connected, attacker.LastError);
        Assert.True(attacker.Subscribe("#"));
        // Administration stays with the administrator identities: a command on the control topic is dropped.
        Assert.True(attacker.Publish("$CONTROL/dynamic-security/v1",
            "{\"commands\":[{\"command\":\"createClient\",\"username\":\"evil\",\"password\":\"evil\",\"roles\":[{\"rolename\":\"doorctl-server\"}]}]}"));
        Thread.Sleep(500);
        Assert.False(_broker.Admin.Exists("evil"));
        using var evil = BrokerPeer.Connect(_broker, new BrokerLogin("evil", "evil", "evil"));
        Assert.False(evil.Connected);
        // What a leaked privileged password gives: delivery to any controller (messages must carry their own MACs).
        Assert.True(attacker.Publish(_t1.Command, "{\"v\":1,\"request-id\":\"c-x\",\"command\":\"unlock\"}"));
        Assert.NotNull(door1.WaitFor((t, p) => t == _t1.Command && Encoding.UTF8.GetString(p).Contains("c-x"), Arrival));
    }

    public void Dispose()
    {
        _server.Dispose();
        _broker.Dispose();
    }
}

using System.Text;
using System.Text.Json;
using DoorController.Door;
using DoorController.LocalBroker;
using DoorController.Server.HomeAssistant;
using DoorController.TestSupport;
using Xunit;

namespace DoorController.Integration;

/// <summary>
/// Home Assistant through the real broker, server and a virtual controller running the firmware
/// (docs/home-assistant.md): the Home Assistant identity, created through the admin API, sees the discovery configs and
/// the door's state; its unlock becomes the signed remote unlock and opens the door, recorded as issued by it; the
/// same command from any other identity, replayed, stale, or retained and delivered again after a server restart,
/// opens nothing; and the Home Assistant identity can publish nothing a controller or the server listens to.
/// </summary>
public sealed class HomeAssistantTests
{
    private static WireAttackRig Rig() => new(o => o.HomeAssistantPrefix = HomeAssistantTopics.DefaultDiscoveryPrefix);

    private static BrokerLogin CreateIdentity(WireAttackRig rig)
    {
        using var admin = ServerTestHost.SignIn(rig.Server!.Url, "admin", WireAttackRig.AdminPassword);
        var res = admin.PostAsync("/api/home-assistant/identity", null).Result;
        Assert.Equal(201, (int)res.StatusCode);
        var body = ServerTestHost.Parse(res);
        Assert.Equal(BrokerRoles.HomeAssistantUser, body.GetProperty("username").GetString());
        return new BrokerLogin(body.GetProperty("username").GetString()!, body.GetProperty("password").GetString()!, body.GetProperty("clientId").GetString()!);
    }

    private static string Command(string action, long atMs) => "{\"action\":\"" + action + "\",\"at\":" + atMs + "}";

    private static long Now => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    private static long Commands(WireAttackRig rig) =>
        rig.Db.QuerySingle("SELECT COUNT(*) AS n FROM commands WHERE issued_by = @b", new { b = HomeAssistantCommands.IssuedBy })!.Long("n");

    /// <summary>Publishes <paramref name="payload"/> on the door's command topic as <paramref name="peer"/> and tells
    /// whether the relay released within <paramref name="watchMilliseconds"/>.</summary>
    private static bool UnlocksAfter(WireAttackRig rig, BrokerPeer peer, string payload, bool retain = false, int watchMilliseconds = 1500)
    {
        WireAttackRig.WaitFor(() => !rig.Controller.LockIsUnlocked, "the door locked before the command");
        peer.Publish(HomeAssistantTopics.Command(rig.Door), payload, 1, retain);
        var until = DateTime.UtcNow.AddMilliseconds(watchMilliseconds);
        while (DateTime.UtcNow < until)
        {
            if (rig.Controller.LockIsUnlocked) return true;
            Thread.Sleep(2);
        }
        return false;
    }

    [Fact]
    public void Home_Assistant_Sees_The_Door_And_Its_Unlock_Opens_It_As_A_Signed_Remote_Unlock()
    {
        using var rig = Rig();
        BrokerLogin login = CreateIdentity(rig);
        using var ha = BrokerPeer.Connect(rig.Broker, login);
        Assert.True(ha.Connected, ha.LastError);
        Assert.True(ha.Subscribe("homeassistant/#"));
        Assert.True(ha.Subscribe(HomeAssistantTopics.State("+")));
        Assert.True(ha.Subscribe(HomeAssistantTopics.Availability("+")));

        string node = "doorctl_" + rig.Door.Replace('-', '_');
        byte[]? lockConfig = ha.WaitFor((t, _) => t == "homeassistant/lock/" + node + "/lock/config", TimeSpan.FromSeconds(10));
        Assert.NotNull(lockConfig);
        var config = JsonDocument.Parse(lockConfig!).RootElement;
        Assert.Equal(HomeAssistantTopics.Command(rig.Door), config.GetProperty("command_topic").GetString());
        Assert.Equal("doorctl_" + rig.Door + "_lock", config.GetProperty("unique_id").GetString());
        Assert.Equal(HomeAssistantTopics.Availability(rig.Door), config.GetProperty("availability_topic").GetString());
        Assert.False(config.GetProperty("retain").GetBoolean());
        foreach (string entity in new[] { "binary_sensor/" + node + "/contact", "sensor/" + node + "/last_access", "event/" + node + "/alert" })
        {
            Assert.NotNull(ha.WaitFor((t, _) => t == "homeassistant/" + entity + "/config", TimeSpan.FromSeconds(5)));
        }
        Assert.NotNull(ha.WaitFor((t, p) => t == HomeAssistantTopics.Availability(rig.Door) && Encoding.UTF8.GetString(p) == "online", TimeSpan.FromSeconds(10)));
        Assert.NotNull(ha.WaitFor((t, p) => t == HomeAssistantTopics.State(rig.Door) && Encoding.UTF8.GetString(p).Contains("\"lock\":\"LOCKED\""), TimeSpan.FromSeconds(10)));

        // Alice badges in: the last access reaches Home Assistant without her name or credential.
        Assert.Equal("granted (granted, online)", rig.Present(WireAttackRig.AliceCard));
        byte[]? withAccess = ha.WaitFor((t, p) => t == HomeAssistantTopics.State(rig.Door) && Encoding.UTF8.GetString(p).Contains("\"result\":\"granted\""), TimeSpan.FromSeconds(10));
        Assert.NotNull(withAccess);
        string state = Encoding.UTF8.GetString(withAccess!);
        Assert.DoesNotContain("Alice", state);
        Assert.DoesNotContain(WireAttackRig.AliceCard, state, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(rig.Alice, state);

        // Home Assistant unlocks: the controller gets the signed remote unlock and opens; the history names it.
        Assert.True(UnlocksAfter(rig, ha, Command("UNLOCK", Now)), "Home Assistant's unlock did not open the door");
        Assert.Equal(1, Commands(rig));
        WireAttackRig.WaitFor(() => rig.Server!.Services.LiveDoors.Commands(rig.Gate, 10).Exists(c => c.Str("issued_by") == HomeAssistantCommands.IssuedBy && c.Str("result") == "ok"),
            "the unlock's result in the command history");
        Assert.NotNull(rig.Db.QuerySingle("SELECT id FROM audit_log WHERE admin_id = @a AND subject LIKE '%UNLOCK'", new { a = BrokerRoles.HomeAssistantUser }));
        Assert.NotNull(ha.WaitFor((t, p) => t == HomeAssistantTopics.State(rig.Door) && Encoding.UTF8.GetString(p).Contains("\"lock\":\"UNLOCKED\""), TimeSpan.FromSeconds(10)));

        // The controller revoked: its door's retained configs are cleared, so Home Assistant drops the entities.
        rig.Server!.Services.Devices.Revoke(rig.Gate);
        string lockTopic = "homeassistant/lock/" + node + "/lock/config";
        Assert.NotNull(ha.WaitFor((t, p) => t == lockTopic && (p == null || p.Length == 0), TimeSpan.FromSeconds(10)));
        // ... and again by a restarted server, which cannot know what the broker still holds from before.
        int cleared = ha.TextsOn(lockTopic).Count(text => text.Length == 0);
        rig.StopServer();
        rig.StartServer();
        WireAttackRig.WaitFor(() => ha.TextsOn(lockTopic).Count(text => text.Length == 0) > cleared, "the restarted server clearing the revoked door");
    }

    [Fact]
    public void Replayed_Stale_Retained_Or_Foreign_Commands_Open_Nothing()
    {
        using var rig = Rig();
        BrokerLogin login = CreateIdentity(rig);
        using var ha = BrokerPeer.Connect(rig.Broker, login);
        Assert.True(ha.Connected, ha.LastError);

        // Another controller's identity and a second server instance (every controller's downstream topics) cannot
        // publish the command topic: the broker drops it, the server never hears it.
        using var otherController = BrokerPeer.AsController(rig.Broker, "hall-2");
        using var secondServer = BrokerPeer.Connect(rig.Broker, rig.Broker.Admin.CreateServerInstance("b"));
        Assert.True(secondServer.Connected, secondServer.LastError);
        Assert.False(UnlocksAfter(rig, otherController, Command("UNLOCK", Now)));
        Assert.False(UnlocksAfter(rig, secondServer, Command("UNLOCK", Now)));
        Assert.Equal(0, Commands(rig));

        // Without Home Assistant's time, or with a stale one: refused.
        Assert.False(UnlocksAfter(rig, ha, "UNLOCK"));
        Assert.False(UnlocksAfter(rig, ha, Command("UNLOCK", Now - 2 * HomeAssistantCommands.MaxSkewMilliseconds)));
        Assert.Equal(0, Commands(rig));

        // A genuine one opens once; the same message again opens nothing.
        string genuine = Command("UNLOCK", Now);
        Assert.True(UnlocksAfter(rig, ha, genuine));
        Assert.False(UnlocksAfter(rig, ha, genuine));
        Assert.Equal(1, Commands(rig));

        // A retained command: fresh, it runs once; after a server restart the broker delivers it again, and it
        // opens nothing.
        Assert.True(UnlocksAfter(rig, ha, Command("UNLOCK", Now), retain: true));
        Assert.Equal(2, Commands(rig));
        WireAttackRig.WaitFor(() => !rig.Controller.LockIsUnlocked, "the door locked again");
        long replaysRefused = ReplaysRefused(rig);
        rig.StopServer();
        rig.StartServer();
        var until = DateTime.UtcNow.AddSeconds(2);
        while (DateTime.UtcNow < until) { Assert.False(rig.Controller.LockIsUnlocked); Thread.Sleep(5); }
        WireAttackRig.WaitFor(() => ReplaysRefused(rig) > replaysRefused, "the retained command refused by the restarted server");
        Assert.Equal(2, Commands(rig));
    }

    private static long ReplaysRefused(WireAttackRig rig) => rig.Db.QuerySingle(
        "SELECT COUNT(*) AS n FROM audit_log l JOIN audit_results r ON r.audit_id = l.id WHERE l.admin_id = @a AND r.outcome LIKE 'refused: replayed%'",
        new { a = BrokerRoles.HomeAssistantUser })!.Long("n");

    [Fact]
    public void Lock_Ends_A_Release_But_Never_Lifts_A_Lockdown()
    {
        using var rig = Rig();
        using var ha = BrokerPeer.Connect(rig.Broker, CreateIdentity(rig));
        var s = rig.Server!.Services;
        string Mode() => rig.Db.QuerySingle("SELECT mode FROM controller_status WHERE device_id = @d", new { d = rig.Gate })?.Str("mode") ?? "";

        s.Commands.Issue(rig.Gate, null, "release", "admin");
        WireAttackRig.WaitFor(() => rig.Controller.Inspect(app => app.Door.Mode) == DoorMode.Release && Mode() == "released", "the release reported");
        // A remote unlock meanwhile changes no mode: the release it finds is still the admin's, which LOCK ends.
        s.Commands.Issue(rig.Gate, rig.Door, "unlock", "admin");
        ha.Publish(HomeAssistantTopics.Command(rig.Door), Command("LOCK", Now));
        WireAttackRig.WaitFor(() => rig.Controller.Inspect(app => app.Door.Mode) == DoorMode.Normal, "Home Assistant's lock ending the release");
        Assert.Equal(1, Commands(rig));

        s.Commands.Issue(rig.Gate, null, "lockdown", "admin");
        WireAttackRig.WaitFor(() => rig.Controller.Inspect(app => app.Door.Mode) == DoorMode.Lockdown && Mode() == "lockdown", "the lockdown reported");
        Assert.False(UnlocksAfter(rig, ha, Command("LOCK", Now)));
        Assert.False(UnlocksAfter(rig, ha, Command("UNLOCK", Now)));
        Assert.Equal(DoorMode.Lockdown, rig.Controller.Inspect(app => app.Door.Mode));
    }

    [Fact]
    public void The_Home_Assistant_Identity_Can_Publish_Nothing_A_Controller_Or_The_Server_Listens_To()
    {
        using var rig = Rig();
        BrokerLogin login = CreateIdentity(rig);
        using var ha = BrokerPeer.Connect(rig.Broker, login);
        Assert.True(ha.Subscribe("homeassistant/#"));
        var topics = rig.Topics;
        string forgedConfig = "homeassistant/lock/doorctl_forged/lock/config";
        foreach (string topic in new[] { topics.Command, topics.DecisionResponse, topics.EventsAck, topics.DecisionRequest, topics.Events, forgedConfig, HomeAssistantTopics.State(rig.Door) })
        {
            ha.Publish(topic, "{\"v\":1}");
        }
        // A marker the attacker (subscribed to everything) does hear, published after the others on one connection.
        ha.Publish(HomeAssistantTopics.Command("no-such-door"), Command("LOCK", Now));
        Assert.NotNull(rig.Attacker.WaitFor(HomeAssistantTopics.Command("no-such-door"), _ => true, TimeSpan.FromSeconds(5)));
        Assert.Empty(ha.TextsOn(forgedConfig));
        foreach (string topic in new[] { topics.Command, topics.DecisionResponse, topics.EventsAck, topics.DecisionRequest, topics.Events })
        {
            Assert.DoesNotContain(rig.Attacker.Heard(topic), p => Encoding.UTF8.GetString(p) == "{\"v\":1}");
        }
        Assert.DoesNotContain(rig.Attacker.Heard(HomeAssistantTopics.State(rig.Door)), p => Encoding.UTF8.GetString(p) == "{\"v\":1}");
        // Nor can it read a controller's traffic.
        Assert.False(ha.Subscribe(topics.Command));
        Assert.False(ha.Subscribe("#"));
    }
}

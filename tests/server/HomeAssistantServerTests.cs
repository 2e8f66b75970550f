using System.Text.Json;
using DoorController.LocalBroker;
using DoorController.Server;
using DoorController.Server.HomeAssistant;
using DoorController.TestSupport;
using Xunit;

namespace DoorController.ServerTests;

/// <summary>The Home Assistant setting, its discovery payloads and lock states, and its identity endpoint when the
/// server does not serve Home Assistant (the broker round trip is tests/integration/HomeAssistantTests).</summary>
public class HomeAssistantServerTests
{
    [Fact]
    public void Home_Assistant_Is_Off_Unless_Given_A_Plain_Discovery_Prefix()
    {
        Assert.True(ServerOptions.TryParse(Array.Empty<string>(), out var off, out _));
        Assert.Null(off.HomeAssistantPrefix);
        Assert.True(ServerOptions.TryParse(new[] { "--home-assistant", "site/ha" }, out var on, out string error), error);
        Assert.Equal("site/ha", on.HomeAssistantPrefix);
        foreach (string bad in new[] { "ha/#", "a/+/b", "$SYS", "a//b", "" })
        {
            Assert.False(ServerOptions.TryParse(new[] { "--home-assistant", bad }, out _, out error), bad);
            Assert.Contains("--home-assistant", error);
        }
    }

    [Fact]
    public void Each_Door_Gets_A_Lock_A_Contact_A_Last_Access_Sensor_And_An_Alert_Event_Sharing_Its_Availability()
    {
        var configs = HomeAssistantDiscovery.Configs("homeassistant", "o-1", "Front door", null);
        Assert.Equal(new[] { "homeassistant/lock/doorctl_o_1/lock/config", "homeassistant/binary_sensor/doorctl_o_1/contact/config",
            "homeassistant/sensor/doorctl_o_1/last_access/config", "homeassistant/event/doorctl_o_1/alert/config" }, configs.Select(c => c.Topic));
        var uniqueIds = new HashSet<string>();
        foreach (var (_, payload) in configs)
        {
            var c = JsonDocument.Parse(payload).RootElement;
            Assert.True(uniqueIds.Add(c.GetProperty("unique_id").GetString()!));
            Assert.Equal(HomeAssistantTopics.Availability("o-1"), c.GetProperty("availability_topic").GetString());
            Assert.Equal("doorctl_o-1", c.GetProperty("device").GetProperty("identifiers")[0].GetString());
            Assert.Equal("Front door", c.GetProperty("device").GetProperty("name").GetString());
            // Only the lock commands anything.
            Assert.Equal(configs[0].Payload == payload, c.TryGetProperty("command_topic", out _));
        }
        var lockConfig = JsonDocument.Parse(configs[0].Payload).RootElement;
        Assert.Contains("now()", lockConfig.GetProperty("command_template").GetString());
        Assert.Equal("door", JsonDocument.Parse(configs[1].Payload).RootElement.GetProperty("device_class").GetString());
        Assert.Equal("timestamp", JsonDocument.Parse(configs[2].Payload).RootElement.GetProperty("device_class").GetString());
        var events = JsonDocument.Parse(configs[3].Payload).RootElement.GetProperty("event_types").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.DoesNotContain(HomeAssistantDiscovery.SilentKind, events);
        Assert.Equal("alert", HomeAssistantDiscovery.EventTypeOf("cache-capacity"));
    }

    [Theory]
    [InlineData("closed", "locked", "LOCKED")]
    [InlineData("closed", "unlocked", "UNLOCKED")]
    [InlineData("open", "unlocked", "OPEN")]
    [InlineData("forced", "locked", "OPEN")]
    [InlineData("held", "locked", "OPEN")]
    [InlineData(null, null, "LOCKED")]
    public void The_Lock_Shows_Open_While_The_Door_Stands_Open_Else_The_Relay(string? door, string? relay, string expected)
    {
        Assert.Equal(expected, HomeAssistantStates.LockState(door!, relay!));
    }

    [Fact]
    public void Commands_Need_An_Action_And_Home_Assistants_Time()
    {
        Assert.True(HomeAssistantCommands.TryParse("{\"action\":\"UNLOCK\",\"at\":1763700000123}"u8.ToArray(), out string action, out long at));
        Assert.Equal(("UNLOCK", 1763700000123L), (action, at));
        foreach (string bad in new[] { "UNLOCK", "{\"action\":\"UNLOCK\"}", "{\"action\":\"OPEN\",\"at\":1}", "{\"action\":\"LOCK\",\"at\":\"1\"}", "[]", "" })
        {
            Assert.False(HomeAssistantCommands.TryParse(System.Text.Encoding.UTF8.GetBytes(bad), out _, out _), bad);
        }
    }

    [Fact]
    public void The_Identity_Endpoint_Refuses_When_The_Server_Does_Not_Serve_Home_Assistant()
    {
        using var server = new ServerTestHost();
        using var admin = server.SignedIn();
        var res = admin.PostAsync("/api/home-assistant/identity", null).Result;
        Assert.Equal(409, (int)res.StatusCode);
        Assert.Contains("--home-assistant", res.Content.ReadAsStringAsync().Result);
    }
}

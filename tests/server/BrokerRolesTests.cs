using System.Reflection;
using DoorController.Contract;
using DoorController.LocalBroker;
using Xunit;

namespace DoorController.ServerTests;

/// <summary>
/// The broker's roles come from the wire contract's topic list: every per-device topic of <see cref="LinkTopics"/> is
/// either upstream (the controller publishes it) or downstream (it subscribes to it), and the roles give each side
/// exactly its half. A topic added to the contract without a direction fails here instead of being silently denied
/// (or allowed) by the broker.
/// </summary>
public class BrokerRolesTests
{
    private static readonly LinkTopics Door = new("door-7");

    private static HashSet<string> AllDeviceTopics() => typeof(LinkTopics).GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Where(p => p.PropertyType == typeof(string) && p.Name != nameof(LinkTopics.DeviceId))
        .Select(p => (string)p.GetValue(Door)!)
        .ToHashSet();

    private static HashSet<string> Of(IEnumerable<BrokerAcl> acls, string type) => acls.Where(a => a.Type == type && a.Allow).Select(a => a.Topic).ToHashSet();

    [Fact]
    public void Every_Device_Topic_Is_Either_Upstream_Or_Downstream()
    {
        var up = Door.Publications().ToHashSet();
        var down = Door.Subscriptions().Where(t => t.StartsWith(LinkTopics.Root + "/dev/door-7/", StringComparison.Ordinal)).ToHashSet();
        Assert.Empty(up.Intersect(down));
        Assert.Equal(AllDeviceTopics().OrderBy(t => t), up.Union(down).OrderBy(t => t));
    }

    [Fact]
    public void A_Controller_Role_Is_Its_Own_Upstream_To_Publish_And_Its_Own_Downstream_To_Read()
    {
        var acls = BrokerRoles.Controller("door-7");
        Assert.Equal(Door.Publications().OrderBy(t => t), Of(acls, BrokerAcl.PublishSend).OrderBy(t => t));
        Assert.Equal(Door.Subscriptions().OrderBy(t => t), Of(acls, BrokerAcl.SubscribeLiteral).OrderBy(t => t));
        Assert.Equal(Door.Subscriptions().OrderBy(t => t), Of(acls, BrokerAcl.PublishReceive).OrderBy(t => t));
        Assert.DoesNotContain(acls, a => a.Topic.Contains('+') || a.Topic.Contains('#'));
        Assert.Throws<ArgumentException>(() => BrokerRoles.Controller("door/+"));
    }

    [Fact]
    public void The_Server_Role_Publishes_Only_Downstream_And_Reads_Only_Upstream()
    {
        var acls = BrokerRoles.Server();
        var any = new LinkTopics("+");
        // Home Assistant's side (docs/home-assistant.md): discovery and the doors' state out, the command topic in.
        string[] haOut = { "homeassistant/#", HomeAssistantTopics.State("+"), HomeAssistantTopics.Availability("+"), HomeAssistantTopics.Event("+") };
        string haCommand = HomeAssistantTopics.Command("+");
        var publish = Of(acls, BrokerAcl.PublishSend);
        Assert.Superset(any.Subscriptions().Concat(haOut).ToHashSet(), publish);
        Assert.Empty(publish.Intersect(any.Publications()));
        Assert.DoesNotContain(haCommand, publish);
        // Every upstream topic, and the shared form of the requests the instances share (docs/scaling.md).
        var subscribe = any.Publications().Concat(BrokerRoles.SharedRequests(any).Select(BrokerRoles.Shared)).Append(haCommand).Append(BrokerRoles.Shared(haCommand));
        Assert.Equal(subscribe.OrderBy(t => t), Of(acls, BrokerAcl.SubscribePattern).OrderBy(t => t));
        Assert.Equal(any.Publications().Append(haCommand).OrderBy(t => t), Of(acls, BrokerAcl.PublishReceive).OrderBy(t => t));
    }

    [Fact]
    public void The_Home_Assistant_Role_Publishes_Only_Door_Commands_And_Reads_Only_Discovery_And_Door_State()
    {
        var acls = BrokerRoles.HomeAssistant("site/ha");
        Assert.Equal(new[] { HomeAssistantTopics.Command("+") }, Of(acls, BrokerAcl.PublishSend));
        string[] reads = { "site/ha/#", HomeAssistantTopics.State("+"), HomeAssistantTopics.Availability("+"), HomeAssistantTopics.Event("+") };
        Assert.Equal(reads.OrderBy(t => t), Of(acls, BrokerAcl.SubscribePattern).OrderBy(t => t));
        Assert.Equal(reads.OrderBy(t => t), Of(acls, BrokerAcl.PublishReceive).OrderBy(t => t));
        // Nothing of a controller's, nor the server's own command path.
        Assert.DoesNotContain(acls, a => a.Topic.StartsWith(LinkTopics.Root + "/dev/") || a.Topic.StartsWith(LinkTopics.TerminalPrefix));
        Assert.Throws<ArgumentException>(() => BrokerRoles.HomeAssistant("ha/#"));
        Assert.Throws<ArgumentException>(() => BrokerRoles.HomeAssistant("$SYS"));
        Assert.Equal("d-1", HomeAssistantTopics.DoorOfCommand(HomeAssistantTopics.Command("d-1")));
        Assert.Null(HomeAssistantTopics.DoorOfCommand(HomeAssistantTopics.State("d-1")));
        Assert.Null(HomeAssistantTopics.DoorOfCommand(LinkTopics.Root + "/ha/a/b/set"));
    }
}

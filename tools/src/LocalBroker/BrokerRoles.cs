using DoorController.Contract;

namespace DoorController.LocalBroker;

/// <summary>
/// Who may do what on the broker (docs/protocol.md, "Broker identities"), derived from the wire contract's topic
/// list (<see cref="LinkTopics"/>) so the ACLs cannot drift from the protocol. Every identity has its own role named
/// like its username, and is bound to one client id. The broker's default for anything not listed is deny
/// (<see cref="DynsecFile"/>).
/// </summary>
public static class BrokerRoles
{
    public const string ServerUser = "doorctl-server";
    public const string AdminUser = "doorctl-admin";
    /// <summary>The administrator used by whoever runs the broker (tests, demo, benchmarks), so it never takes the
    /// server's administrator session over.</summary>
    public const string ToolsAdminUser = "doorctl-tools";
    /// <summary>Home Assistant's identity (docs/home-assistant.md): the only one that may publish door commands on
    /// the Home Assistant command topics.</summary>
    public const string HomeAssistantUser = "doorctl-ha";
    public const string ControlTopics = "$CONTROL/dynamic-security/#";
    /// <summary>The shared-subscription group of the server instances (docs/scaling.md).</summary>
    public const string ShareGroup = "doorctl";

    /// <summary>Username of a controller's identity: its MQTT client id, dc-&lt;device id&gt;.</summary>
    public static string ControllerUser(string deviceId) => LinkTopics.ClientIdOf(deviceId);

    /// <summary>Username (and client id) of one of several server instances sharing the database (docs/scaling.md):
    /// doorctl-server-NAME, with the server's ACLs.</summary>
    public static string ServerInstanceUser(string instance) => ServerUser + "-" + instance;

    /// <summary>Username of a terminal's identity (a guard desk that receives routed notifications).</summary>
    public static string TerminalUser(string name) => "term-" + name;

    /// <summary>
    /// A controller publishes only its own upstream topics and subscribes to (and receives) only its own
    /// downstream topics (the clock included: it is answered per controller, there is no broadcast).
    /// </summary>
    public static IReadOnlyList<BrokerAcl> Controller(string deviceId)
    {
        if (!LinkTopics.IsValidDeviceId(deviceId)) throw new ArgumentException("device id '" + deviceId + "' is not valid in a topic", nameof(deviceId));
        var topics = new LinkTopics(deviceId);
        var acls = new List<BrokerAcl>();
        foreach (string topic in topics.Publications()) acls.Add(new BrokerAcl(BrokerAcl.PublishSend, topic));
        foreach (string topic in topics.Subscriptions()) Receive(acls, topic, literal: true);
        return acls;
    }

    /// <summary>
    /// The server publishes every controller's downstream topics (the clock answers included) and terminal
    /// notifications, and subscribes to every controller's upstream topics. It cannot publish upstream topics.
    /// For Home Assistant it publishes discovery under <paramref name="discoveryPrefix"/> and the doors' state,
    /// availability and alerts, and receives the command topics — which it cannot publish itself.
    /// </summary>
    public static IReadOnlyList<BrokerAcl> Server(string discoveryPrefix = HomeAssistantTopics.DefaultDiscoveryPrefix)
    {
        var anyDevice = new LinkTopics("+");
        var acls = new List<BrokerAcl>();
        foreach (string topic in anyDevice.Subscriptions()) acls.Add(new BrokerAcl(BrokerAcl.PublishSend, topic));
        acls.Add(new BrokerAcl(BrokerAcl.PublishSend, LinkTopics.TerminalPrefix + "#"));
        foreach (string topic in anyDevice.Publications()) Receive(acls, topic, literal: false);
        // mosquitto checks a shared subscription against its whole filter, $share/<group>/ included.
        foreach (string topic in SharedRequests(anyDevice)) acls.Add(new BrokerAcl(BrokerAcl.SubscribePattern, Shared(topic)));
        acls.AddRange(ServerHomeAssistant(discoveryPrefix));
        return acls;
    }

    /// <summary>The server's part of the Home Assistant topics (also added to an older broker's server role when the
    /// Home Assistant identity is created).</summary>
    public static IReadOnlyList<BrokerAcl> ServerHomeAssistant(string discoveryPrefix)
    {
        var acls = new List<BrokerAcl> { new(BrokerAcl.PublishSend, discoveryPrefix + "/#") };
        foreach (string topic in HomeAssistantStates()) acls.Add(new BrokerAcl(BrokerAcl.PublishSend, topic));
        Receive(acls, HomeAssistantTopics.Command("+"), literal: false);
        acls.Add(new BrokerAcl(BrokerAcl.SubscribePattern, Shared(HomeAssistantTopics.Command("+"))));
        return acls;
    }

    /// <summary>
    /// Home Assistant reads the discovery configs under <paramref name="discoveryPrefix"/> and every door's state,
    /// availability and alerts, and publishes only the door command topics: nothing a controller or the server
    /// listens to otherwise.
    /// </summary>
    public static IReadOnlyList<BrokerAcl> HomeAssistant(string discoveryPrefix = HomeAssistantTopics.DefaultDiscoveryPrefix)
    {
        if (!HomeAssistantTopics.IsValidPrefix(discoveryPrefix)) throw new ArgumentException("discovery prefix '" + discoveryPrefix + "' is not a plain topic", nameof(discoveryPrefix));
        var acls = new List<BrokerAcl>();
        Receive(acls, discoveryPrefix + "/#", literal: false);
        foreach (string topic in HomeAssistantStates()) Receive(acls, topic, literal: false);
        acls.Add(new BrokerAcl(BrokerAcl.PublishSend, HomeAssistantTopics.Command("+")));
        return acls;
    }

    private static string[] HomeAssistantStates() =>
        new[] { HomeAssistantTopics.State("+"), HomeAssistantTopics.Availability("+"), HomeAssistantTopics.Event("+") };

    /// <summary>The upstream topics server instances share (each message to one of them); replayed events are not
    /// among them: their acks are cumulative, so one consumer (the leader) must see a controller's events in order.</summary>
    public static string[] SharedRequests(LinkTopics topics) => new[] { topics.DecisionRequest, topics.SyncRequest, topics.SyncResult, topics.ClockRequest, topics.Error };

    /// <summary>The shared-subscription form of <paramref name="topic"/>.</summary>
    public static string Shared(string topic) => "$share/" + ShareGroup + "/" + topic;

    /// <summary>The server's broker administrator: the dynamic-security control topics only.</summary>
    public static IReadOnlyList<BrokerAcl> Admin() => new List<BrokerAcl>
    {
        new(BrokerAcl.PublishSend, ControlTopics),
        new(BrokerAcl.SubscribePattern, ControlTopics),
        new(BrokerAcl.PublishReceive, ControlTopics),
    };

    /// <summary>A notification terminal receives its own topic, dc/v1/term/&lt;name&gt;, and nothing else.</summary>
    public static IReadOnlyList<BrokerAcl> Terminal(string name)
    {
        if (!LinkTopics.IsValidDeviceId(name)) throw new ArgumentException("terminal name '" + name + "' is not valid in a topic", nameof(name));
        var acls = new List<BrokerAcl>();
        Receive(acls, LinkTopics.TerminalPrefix + name, literal: true);
        return acls;
    }

    /// <summary>Publish and subscribe on every topic outside $-topics: what a leaked privileged password gives an attacker.</summary>
    public static IReadOnlyList<BrokerAcl> FullAccess() => new List<BrokerAcl>
    {
        new(BrokerAcl.PublishSend, "#"),
        new(BrokerAcl.SubscribePattern, "#"),
        new(BrokerAcl.PublishReceive, "#"),
    };

    private static void Receive(List<BrokerAcl> acls, string topic, bool literal)
    {
        acls.Add(new BrokerAcl(literal ? BrokerAcl.SubscribeLiteral : BrokerAcl.SubscribePattern, topic));
        acls.Add(new BrokerAcl(BrokerAcl.PublishReceive, topic));
    }
}

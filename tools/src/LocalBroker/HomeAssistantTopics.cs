using DoorController.Contract;

namespace DoorController.LocalBroker;

/// <summary>
/// The topics shared with Home Assistant (docs/home-assistant.md): discovery configs under the discovery prefix
/// (retained, published by the server), and per door, under dc/v1/ha/&lt;door id&gt;/, its state and availability
/// (retained, the server's), its alerts (the server's) and its command topic — the one topic only the Home Assistant
/// identity may publish, which is what tells the server a command came from Home Assistant.
/// </summary>
public static class HomeAssistantTopics
{
    public const string DefaultDiscoveryPrefix = "homeassistant";
    public const string Root = LinkTopics.Root + "/ha/";

    public static string State(string door) => Root + door + "/state";
    public static string Availability(string door) => Root + door + "/availability";
    public static string Event(string door) => Root + door + "/event";
    public static string Command(string door) => Root + door + "/set";

    /// <summary>The door id in a command topic (dc/v1/ha/&lt;door&gt;/set), or null for any other topic.</summary>
    public static string? DoorOfCommand(string topic)
    {
        if (!topic.StartsWith(Root, System.StringComparison.Ordinal) || !topic.EndsWith("/set", System.StringComparison.Ordinal)) return null;
        string door = topic.Substring(Root.Length, topic.Length - Root.Length - "/set".Length);
        return LinkTopics.IsValidDeviceId(door) ? door : null;
    }

    /// <summary>A discovery prefix is one or more plain topic levels: no wildcard, no $, no empty level.</summary>
    public static bool IsValidPrefix(string prefix)
    {
        if (string.IsNullOrEmpty(prefix) || prefix.Length > 64 || prefix[0] == '$') return false;
        foreach (string level in prefix.Split('/'))
        {
            if (level.Length == 0) return false;
            foreach (char c in level) if (c == '+' || c == '#' || c < ' ' || c > '~') return false;
        }
        return true;
    }
}

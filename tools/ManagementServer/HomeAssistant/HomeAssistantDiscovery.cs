using System.Collections.Generic;
using System.Text.Json.Nodes;
using DoorController.LocalBroker;

namespace DoorController.Server.HomeAssistant
{
    /// <summary>
    /// Home Assistant MQTT discovery configs for one door (docs/home-assistant.md): a lock, a door-contact binary
    /// sensor, a last-access timestamp sensor and an alert event entity, grouped under one device (the door), all
    /// available only while the door's controller is online. Every entity reads the door's one retained state
    /// message; only the lock has a command topic, and its command template stamps each command with Home
    /// Assistant's time so the server can refuse a replayed or retained one.
    /// </summary>
    public static class HomeAssistantDiscovery
    {
        public const string Online = "online", Offline = "offline";
        public const string Locked = "LOCKED", Unlocked = "UNLOCKED", Open = "OPEN";
        public const string LockPayload = "LOCK", UnlockPayload = "UNLOCK";
        /// <summary>The event types the alert entity declares: the door's own alarms by their event names, any other
        /// alert of its controller as "alert". Duress alerts are never sent (they are silent, for the guards only).</summary>
        public static readonly string[] EventTypes = { "door_forced", "door_held_open", "tamper", "relay_fault", "alert" };
        public const string SilentKind = "duress";

        /// <summary>(topic, retained JSON payload) for each of the door's entities.</summary>
        public static List<(string Topic, string Payload)> Configs(string prefix, string door, string doorName, string area)
        {
            string node = "doorctl_" + door.Replace('-', '_');
            var configs = new List<(string, string)>();
            JsonObject lockConfig = Entity(door, doorName, area, "lock", "Lock");
            lockConfig["value_template"] = "{{ value_json.lock }}";
            lockConfig["command_topic"] = HomeAssistantTopics.Command(door);
            lockConfig["command_template"] = "{\"action\":\"{{ value }}\",\"at\":{{ (now().timestamp() * 1000) | int }}}";
            lockConfig["payload_lock"] = LockPayload;
            lockConfig["payload_unlock"] = UnlockPayload;
            lockConfig["state_locked"] = Locked;
            lockConfig["state_unlocked"] = Unlocked;
            lockConfig["state_open"] = Open;
            lockConfig["retain"] = false;
            lockConfig["optimistic"] = false;
            lockConfig["qos"] = 1;
            configs.Add((prefix + "/lock/" + node + "/lock/config", lockConfig.ToJsonString()));

            JsonObject contact = Entity(door, doorName, area, "contact", "Door");
            contact["device_class"] = "door";
            contact["value_template"] = "{{ value_json.contact }}";
            contact["payload_on"] = "ON";
            contact["payload_off"] = "OFF";
            configs.Add((prefix + "/binary_sensor/" + node + "/contact/config", contact.ToJsonString()));

            JsonObject lastAccess = Entity(door, doorName, area, "last_access", "Last access");
            lastAccess["device_class"] = "timestamp";
            lastAccess["value_template"] = "{{ value_json.last_access_at }}";
            lastAccess["json_attributes_topic"] = HomeAssistantTopics.State(door);
            lastAccess["json_attributes_template"] = "{{ value_json.last_access | tojson }}";
            configs.Add((prefix + "/sensor/" + node + "/last_access/config", lastAccess.ToJsonString()));

            JsonObject alerts = Entity(door, doorName, area, "alert", "Alert");
            alerts["state_topic"] = HomeAssistantTopics.Event(door);
            var types = new JsonArray();
            foreach (string type in EventTypes) types.Add(type);
            alerts["event_types"] = types;
            configs.Add((prefix + "/event/" + node + "/alert/config", alerts.ToJsonString()));
            return configs;
        }

        /// <summary>The event type of an alert kind: one of <see cref="EventTypes"/>.</summary>
        public static string EventTypeOf(string alertKind)
        {
            foreach (string type in EventTypes) if (type == alertKind) return type;
            return "alert";
        }

        private static JsonObject Entity(string door, string doorName, string area, string key, string name)
        {
            var entity = new JsonObject
            {
                ["name"] = name,
                ["unique_id"] = "doorctl_" + door + "_" + key,
                ["state_topic"] = HomeAssistantTopics.State(door),
                ["availability_topic"] = HomeAssistantTopics.Availability(door),
                ["payload_available"] = Online,
                ["payload_not_available"] = Offline,
                ["device"] = new JsonObject
                {
                    ["identifiers"] = new JsonArray("doorctl_" + door),
                    ["name"] = doorName,
                    ["manufacturer"] = "doorctl",
                    ["model"] = "ESP32 door controller",
                },
            };
            if (area != null) entity["device"]!["suggested_area"] = area;
            return entity;
        }
    }
}

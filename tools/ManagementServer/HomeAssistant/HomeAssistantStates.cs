using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json.Nodes;
using DoorController.LocalBroker;
using DoorController.Server.Services;

namespace DoorController.Server.HomeAssistant
{
    /// <summary>
    /// What Home Assistant sees of each door a controller drives (the first and, on a two-door controller, the second:
    /// each its own entities and state), from what the server already knows (the controllers' status reports,
    /// the access log, the alert book): the discovery configs, the door's availability (its controller online or
    /// not), its state (lock, contact, last access) and its alerts as events. <see cref="Publish"/> sends only what
    /// changed since the last call, so it can run every second; <see cref="Reset"/> after a reconnect sends it all
    /// again. No credential, hash or person's name leaves: the last access carries its time, result, reason, method
    /// and direction; an alert its kind, severity and time. A duress alert is not sent at all:
    /// it is silent, routed to the guards alone.
    /// </summary>
    public sealed class HomeAssistantStates
    {
        private readonly ServerServices _s;
        private readonly string _prefix;
        private readonly Func<string, string, bool> _publishRetained;
        private readonly Func<string, string, bool> _publish;
        private readonly Dictionary<string, string> _sent = new Dictionary<string, string>();
        private long _lastAlert = -1;
        private bool _revokedCleared;

        public HomeAssistantStates(ServerServices services, string prefix, Func<string, string, bool> publishRetained, Func<string, string, bool> publish)
        {
            _s = services;
            _prefix = prefix;
            _publishRetained = publishRetained;
            _publish = publish;
        }

        /// <summary>Everything is sent again on the next <see cref="Publish"/> (a new broker session), and the doors of
        /// controllers revoked meanwhile (while the server was stopped included) are cleared again.</summary>
        public void Reset()
        {
            lock (_sent)
            {
                _sent.Clear();
                _revokedCleared = false;
            }
        }

        public void Publish()
        {
            lock (_sent)
            {
                var current = new HashSet<string>();
                var deviceOfDoor = new Dictionary<string, string>();
                foreach (var door in _s.LiveDoors.List())
                {
                    string doorId = (string)door["doorId"];
                    // A door its controller does not drive (the status names other doors, e.g. a second door unconfigured
                    // again) has no entities: RemoveGone clears those sent before.
                    if (doorId == null || door["controllerDoor"] == null) continue;
                    deviceOfDoor[doorId] = (string)door["deviceId"];
                    foreach (var (topic, payload) in HomeAssistantDiscovery.Configs(_prefix, doorId, (string)door["doorName"], (string)door["areaName"]))
                    {
                        SendIfChanged(topic, payload, current);
                    }
                    SendIfChanged(HomeAssistantTopics.Availability(doorId), (string)door["connection"] == "online" ? HomeAssistantDiscovery.Online : HomeAssistantDiscovery.Offline, current);
                    SendIfChanged(HomeAssistantTopics.State(doorId), State(doorId, door).ToJsonString(), current);
                }
                RemoveGone(current);
                if (!_revokedCleared) _revokedCleared = ClearRevoked();
                SendNewAlerts(deviceOfDoor);
            }
        }

        /// <summary>The lock entity's state: open while the door stands open, else the relay's state as reported.</summary>
        public static string LockState(string door, string relay)
        {
            if (door == "open" || door == "held" || door == "forced") return HomeAssistantDiscovery.Open;
            return relay == "unlocked" ? HomeAssistantDiscovery.Unlocked : HomeAssistantDiscovery.Locked;
        }

        private JsonObject State(string doorId, Dictionary<string, object> door)
        {
            string contact = (string)door["door"];
            var state = new JsonObject
            {
                ["lock"] = LockState(contact, (string)door["lock"]),
                ["contact"] = contact == null ? null : contact == "closed" ? "OFF" : "ON",
                ["mode"] = (string)door["mode"],
                ["last_access_at"] = null,
                ["last_access"] = new JsonObject(),
            };
            var last = _s.Context.Db.QuerySingle(
                "SELECT l.occurred_at, l.granted, l.reason, l.method, l.direction FROM access_log l JOIN readers r ON r.id = l.reader_id " +
                "WHERE r.door_id = @o ORDER BY l.occurred_at DESC, l.id DESC LIMIT 1", new { o = doorId });
            if (last != null)
            {
                state["last_access_at"] = Iso(last.Long("occurred_at"));
                state["last_access"] = new JsonObject
                {
                    ["result"] = last.Bool("granted") ? "granted" : "denied",
                    ["reason"] = last.Str("reason"),
                    ["method"] = last.Str("method"),
                    ["direction"] = last.Str("direction"),
                };
            }
            return state;
        }

        /// <summary>Alerts raised since the last call, as events of every door of the alert's controller. At start
        /// the existing ones are skipped: an event is something happening now, not history.</summary>
        private void SendNewAlerts(Dictionary<string, string> deviceOfDoor)
        {
            var db = _s.Context.Db;
            if (_lastAlert < 0)
            {
                _lastAlert = db.QuerySingle("SELECT COALESCE(MAX(id), 0) AS n FROM alerts").Long("n");
                return;
            }
            foreach (var alert in db.Query("SELECT id, created_at, kind, severity, device_id FROM alerts WHERE id > @last ORDER BY id", new { last = _lastAlert }))
            {
                _lastAlert = alert.Long("id");
                if (alert.Str("kind") == HomeAssistantDiscovery.SilentKind) continue;
                foreach (var (doorId, deviceId) in deviceOfDoor)
                {
                    if (deviceId != alert.Str("device_id")) continue;
                    _publish(HomeAssistantTopics.Event(doorId), new JsonObject
                    {
                        ["event_type"] = HomeAssistantDiscovery.EventTypeOf(alert.Str("kind")),
                        ["kind"] = alert.Str("kind"),
                        ["severity"] = alert.Str("severity"),
                        ["at"] = Iso(alert.Long("created_at")),
                    }.ToJsonString());
                }
            }
        }

        /// <summary>A door removed or a controller revoked since it was sent: its retained messages are cleared (an empty
        /// retained message), so Home Assistant drops its entities.</summary>
        private void RemoveGone(HashSet<string> current)
        {
            var gone = new List<string>();
            foreach (string topic in _sent.Keys) if (!current.Contains(topic)) gone.Add(topic);
            foreach (string topic in gone) if (_publishRetained(topic, "")) _sent.Remove(topic);
        }

        /// <summary>Clears the retained messages of every door of a revoked controller (doors are never deleted, so
        /// these are all the doors Home Assistant may still hold that no longer exist).</summary>
        private bool ClearRevoked()
        {
            bool all = true;
            foreach (var door in _s.Context.Db.Query("SELECT o.id FROM doors o JOIN devices d ON d.id = o.device_id WHERE d.revoked = 1"))
            {
                string doorId = door.Str("id");
                foreach (var (topic, _) in HomeAssistantDiscovery.Configs(_prefix, doorId, "", null)) all &= _publishRetained(topic, "");
                all &= _publishRetained(HomeAssistantTopics.State(doorId), "") & _publishRetained(HomeAssistantTopics.Availability(doorId), "");
            }
            return all;
        }

        private void SendIfChanged(string topic, string payload, HashSet<string> current)
        {
            current.Add(topic);
            if (_sent.TryGetValue(topic, out string sent) && sent == payload) return;
            if (_publishRetained(topic, payload)) _sent[topic] = payload;
        }

        private static string Iso(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms).ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture);
    }
}

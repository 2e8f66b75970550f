using System;
using System.Text.Json;
using DoorController.Contract;
using DoorController.LocalBroker;
using DoorController.Server.Api;
using DoorController.Server.Services;

namespace DoorController.Server.HomeAssistant
{
    /// <summary>
    /// Lock and unlock from Home Assistant, turned into the signed controller commands of <see cref="RemoteCommands"/>
    /// (the one path that opens a door remotely). The command topic is one only the Home Assistant identity may
    /// publish (BrokerRoles.HomeAssistant; the server's own role cannot), so arriving there is what proves who sent it.
    /// Each command carries Home Assistant's time in ms (the discovery command template); it is run only if that time
    /// is within <see cref="MaxSkewMilliseconds"/> of the server's and later than the last command run for the door (kept in the
    /// database: across restarts and instances) and than this server's start — so a retained command (delivered again on every subscription) or a recorded one
    /// published again does nothing. UNLOCK is a remote unlock for the door's unlock time. LOCK ends a release (the
    /// door held unlocked by a remote release) and does nothing otherwise: a timed unlock relocks by itself, and Home
    /// Assistant can neither lock a building down nor lift a lockdown. Every command, run or refused, is written to the
    /// audit trail under the Home Assistant identity; a run one is also in the command history, issued by it.
    /// </summary>
    public sealed class HomeAssistantCommands
    {
        public const long MaxSkewMilliseconds = 30_000;
        /// <summary>settings row holding the time of the last command run for a door.</summary>
        private const string MarkPrefix = "home-assistant-command:";
        public const string IssuedBy = "home-assistant (" + BrokerRoles.HomeAssistantUser + ")";
        private readonly ServerServices _s;
        private readonly long _startedAt;

        public HomeAssistantCommands(ServerServices services)
        {
            _s = services;
            _startedAt = services.Context.NowMs;
        }

        /// <summary>Handles one message from the command topic of <paramref name="doorId"/>; returns what was done (or why not).</summary>
        public string Handle(string doorId, byte[] payload)
        {
            string outcome;
            string action = null;
            try
            {
                outcome = Run(doorId, payload, out action);
            }
            catch (ApiException e)
            {
                outcome = "refused: " + e.Message;
            }
            _s.Audit.Refused(BrokerRoles.HomeAssistantUser, "Home Assistant", "home-assistant", "mqtt", "MQTT " + HomeAssistantTopics.Command(doorId),
                "door " + doorId + (action != null ? " " + action : ""), outcome.StartsWith("refused", StringComparison.Ordinal) ? 409 : 202, outcome);
            return outcome;
        }

        private string Run(string doorId, byte[] payload, out string action)
        {
            action = null;
            if (!TryParse(payload, out action, out long at)) return "refused: not {\"action\":\"LOCK\"|\"UNLOCK\",\"at\":<ms>} (the discovery command template)";
            long now = _s.Context.NowMs;
            if (Math.Abs(now - at) > MaxSkewMilliseconds) return "refused: stale (its time is " + (now - at) / 1000 + " s from the server's)";
            // The door's own mode, as the doors view shows it (a controller's second door reports its own).
            var door = _s.LiveDoors.ModeOf(doorId);
            if (door == null) return "refused: no such door";
            if (at <= _startedAt || !Advance(doorId, at)) return "refused: replayed (not later than the last command run, or than the server's start)";
            var (deviceId, mode) = door.Value;
            string command;
            if (action == HomeAssistantDiscovery.UnlockPayload) command = CommandNames.Unlock;
            else if (mode == "released" && LastModeCommand(deviceId, doorId) == CommandNames.Release) command = CommandNames.Normal;
            else return "nothing to do: the door relocks by itself (mode " + (mode ?? "unknown") + ")";
            var (id, published) = _s.Commands.Issue(deviceId, doorId, command, IssuedBy);
            return "remote " + command + ": command " + id + (published ? " published" : " recorded, not delivered");
        }

        /// <summary>Moves the door's mark to <paramref name="at"/> if that is later, in one statement (so two instances
        /// given the same command cannot both run it, and a restart forgets nothing); false when it is not later.</summary>
        private bool Advance(string doorId, long at) => _s.Context.Db.QuerySingle(
            "INSERT INTO settings (name, value) VALUES (@n, @v) ON CONFLICT (name) DO UPDATE SET value = excluded.value " +
            "WHERE CAST(settings.value AS BIGINT) < CAST(excluded.value AS BIGINT) RETURNING name",
            new { n = MarkPrefix + doorId, v = at.ToString(System.Globalization.CultureInfo.InvariantCulture) }) != null;

        /// <summary>The last command that set this door's mode: one naming it, or one naming no door (which sets the mode
        /// of every door of the controller). A remote unlock sets none, and a command for the controller's other door
        /// leaves this one's as it was.</summary>
        private string LastModeCommand(string deviceId, string doorId) => _s.Context.Db.QuerySingle(
            "SELECT command FROM commands WHERE device_id = @d AND (door_id = @o OR door_id IS NULL) AND command IN (@release, @normal, @lockdown) " +
            "ORDER BY id DESC LIMIT 1",
            new { d = deviceId, o = doorId, release = CommandNames.Release, normal = CommandNames.Normal, lockdown = CommandNames.Lockdown })?.Str("command");

        /// <summary>{"action":"LOCK"|"UNLOCK","at":ms}; anything else (a bare LOCK without a time included) is refused.</summary>
        public static bool TryParse(byte[] payload, out string action, out long at)
        {
            action = null;
            at = 0;
            try
            {
                using var doc = JsonDocument.Parse(payload);
                var root = doc.RootElement;
                if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("action", out var a) || a.ValueKind != JsonValueKind.String
                    || !root.TryGetProperty("at", out var t) || t.ValueKind != JsonValueKind.Number || !t.TryGetInt64(out at)) return false;
                action = a.GetString();
                return action == HomeAssistantDiscovery.LockPayload || action == HomeAssistantDiscovery.UnlockPayload;
            }
            catch (JsonException)
            {
                return false;
            }
        }
    }
}

using DoorController.Access;
using DoorController.Contract.Json;
using DoorController.Core;

namespace DoorController.Contract
{
    /// <summary>
    /// Reads back what <see cref="EventJson"/> renders (the receiving side: the server, test servers, the replay
    /// bench), so the event schema is written once, here, and checked by round trip. Never throws: a wrong or missing
    /// field is a false result with a message.
    /// </summary>
    public static class EventJsonReader
    {
        /// <summary>The keys every event has. An unknown type name reads as <see cref="EventType.None"/> (a newer firmware).</summary>
        public static bool TryReadHeader(JsonObject o, out long id, out EventType type, out string typeName, out long utcMilliseconds,
            out bool clockUncertain, out string error)
        {
            error = null;
            type = EventType.None;
            utcMilliseconds = 0;
            clockUncertain = false;
            typeName = null;
            if (!LinkJson.RequireLong(o, "id", out id, ref error) || !LinkJson.RequireString(o, "type", out typeName, ref error)
                || !LinkJson.RequireLong(o, "utc-ms", out utcMilliseconds, ref error))
            {
                return false;
            }
            o.TryGetBool("clock-uncertain", out clockUncertain);
            EventTypeNames.TryParse(typeName, out type);
            return true;
        }

        /// <summary>The fields of an access_decision event into <paramref name="into"/>.</summary>
        public static bool TryReadAccess(JsonObject o, AccessDecisionEvent into, out string error)
        {
            error = null;
            string mode, direction, method, hash;
            long reasonCode;
            bool allowed, fraud, retro, flag; // the event's flags are properties (one field on the heap)
            if (!LinkJson.RequireString(o, "mode", out mode, ref error)
                || !LinkJson.RequireBool(o, "allowed", out allowed, ref error)
                || !LinkJson.RequireLong(o, "reason-code", out reasonCode, ref error)
                || !LinkJson.RequireString(o, "direction", out direction, ref error)
                || !LinkJson.RequireBool(o, "fraud", out fraud, ref error)
                || !LinkJson.RequireBool(o, "pending-retro", out retro, ref error)
                || !LinkJson.RequireString(o, "user", out into.UserId, ref error)
                || !LinkJson.RequireString(o, "reader", out into.ReaderId, ref error)
                || !LinkJson.RequireString(o, "method", out method, ref error)
                || !LinkJson.OptionalString(o, "credential-hash", out hash, ref error)
                || !LinkJson.OptionalString(o, "request-id", out into.RequestId, ref error))
            {
                return false;
            }
            bool prefix = hash == null;
            if (prefix && !LinkJson.RequireString(o, "credential-prefix", out hash, ref error))
            {
                error = "neither \"credential-hash\" nor \"credential-prefix\"";
                return false;
            }
            if (mode != "online" && mode != "offline")
            {
                error = "\"mode\" is neither online nor offline";
                return false;
            }
            if (!Hex.TryDecode(hash, out into.CredentialHash))
            {
                error = prefix ? "\"credential-prefix\" is not hex" : "\"credential-hash\" is not hex";
                return false;
            }
            if (prefix != into.CredentialIsPrefix)
            {
                error = prefix ? "\"credential-prefix\" is not " + AccessDecisionEvent.CredentialPrefixLength + " bytes"
                    : "\"credential-hash\" has the length of a prefix";
                return false;
            }
            into.Online = mode == "online";
            into.Allowed = allowed;
            into.Fraud = fraud;
            into.PendingRetro = retro;
            into.Reason = (int)reasonCode;
            into.Direction = (int)WireNames.ParseDirection(direction);
            into.Method = (int)WireNames.ParseMethod(method);
            into.ClockUncertain = o.TryGetBool("clock-uncertain", out flag) && flag;
            into.Duress = o.TryGetBool("duress", out flag) && flag; // written only when set
            if (into.RequestId == null)
            {
                into.RequestId = "";
            }
            return true;
        }

        /// <summary>The fields of a door_opened or grant_unused event into <paramref name="into"/>.</summary>
        public static bool TryReadPassage(JsonObject o, PassageEvent into, out string error)
        {
            error = null;
            long door;
            if (!LinkJson.RequireLong(o, "door", out door, ref error)
                || !LinkJson.RequireLong(o, "grant-event", out into.GrantEvent, ref error)
                || !LinkJson.OptionalString(o, "request-id", out into.RequestId, ref error))
            {
                return false;
            }
            if (door < int.MinValue || door > int.MaxValue)
            {
                error = "\"door\" is out of range";
                return false;
            }
            into.Door = (int)door;
            if (into.RequestId == null)
            {
                into.RequestId = "";
            }
            return true;
        }
    }
}

using DoorController.Access;
using DoorController.Contract.Json;
using DoorController.Core;

namespace DoorController.Contract
{
    /// <summary>
    /// Renders a journal event (its header fields and payload bytes) as the JSON object carried in an MQTT event
    /// message (docs/events.md). Common keys first (id, type, utc-ms, uptime-ms, clock-uncertain), then the type's
    /// own fields. A payload that does not decode is sent with "payload-error": the server must still see the event.
    /// </summary>
    public sealed class EventJson
    {
        private readonly AccessDecisionEvent _access = new AccessDecisionEvent();
        private readonly BootEvent _boot = new BootEvent();
        private readonly CacheAppliedEvent _cache = new CacheAppliedEvent();
        private readonly ClockSetEvent _clock = new ClockSetEvent();
        private readonly ConsoleLoginEvent _login = new ConsoleLoginEvent();
        private readonly DoorForcedEvent _forced = new DoorForcedEvent();
        private readonly DoorHeldOpenEvent _held = new DoorHeldOpenEvent();
        private readonly OfficeModeEvent _office = new OfficeModeEvent();
        private readonly InterlockRefusedEvent _interlock = new InterlockRefusedEvent();
        private readonly JournalOverflowEvent _overflow = new JournalOverflowEvent();
        private readonly PassageEvent _passage = new PassageEvent();
        private readonly RelayFaultEvent _relay = new RelayFaultEvent();
        private readonly TamperEvent _tamper = new TamperEvent();

        public string Render(long id, EventType type, long utcMilliseconds, long uptimeMilliseconds, bool clockUncertain,
            byte[] payload, int payloadLength)
        {
            JsonWriter json = new JsonWriter().BeginObject();
            json.Number("id", id)
                .String("type", EventTypeNames.ToName(type))
                .Number("utc-ms", utcMilliseconds)
                .Number("uptime-ms", uptimeMilliseconds)
                .Bool("clock-uncertain", clockUncertain);
            if (!RenderPayload(type, payload, payloadLength, json))
            {
                json.String("payload-error", "payload of " + payloadLength + " bytes does not decode");
            }
            return json.EndObject().ToString();
        }

        private bool RenderPayload(EventType type, byte[] payload, int payloadLength, JsonWriter json)
        {
            if (type == EventType.AccessDecision)
            {
                if (!_access.TryDecode(payload, 0, payloadLength))
                {
                    return false;
                }
                json.String("mode", _access.Online ? "online" : "offline")
                    .Bool("allowed", _access.Allowed)
                    .String("reason", ReasonCodes.Name((ReasonCode)_access.Reason))
                    .Number("reason-code", _access.Reason)
                    .String("direction", WireNames.Direction((Direction)_access.Direction))
                    .Bool("fraud", _access.Fraud)
                    .Bool("pending-retro", _access.PendingRetro)
                    .String("user", _access.UserId)
                    .String("reader", _access.ReaderId)
                    .String("method", WireNames.Method((CredentialMethod)_access.Method))
                    // The journal keeps the hash's first bytes; the server maps them back to the credential.
                    .String(_access.CredentialIsPrefix ? "credential-prefix" : "credential-hash", Hex.Encode(_access.CredentialHash))
                    .String("request-id", _access.RequestId);
                if (_access.Duress)
                {
                    json.Bool("duress", true); // only when set: an ordinary event looks the same as before
                }
                return true;
            }
            return RenderOther(type, payload, payloadLength, json);
        }

        private bool RenderOther(EventType type, byte[] p, int n, JsonWriter json)
        {
            switch (type)
            {
                case EventType.Boot:
                    if (!_boot.TryDecode(p, 0, n)) return false;
                    json.String("firmware", _boot.FirmwareVersion).Number("reset-reason", _boot.ResetReason)
                        .Number("boot-counter", _boot.BootCounter).Number("recovered-records", _boot.RecoveredRecords)
                        .Number("truncated-bytes", _boot.TruncatedBytes);
                    return true;
                case EventType.CacheApplied:
                    if (!_cache.TryDecode(p, 0, n)) return false;
                    json.Number("cache-version", _cache.CacheVersion).Number("entries", _cache.EntryCount).Bool("full", _cache.Full);
                    return true;
                case EventType.ClockSet:
                    if (!_clock.TryDecode(p, 0, n)) return false;
                    json.Number("previous-utc-ms", _clock.PreviousUtcMilliseconds).Number("new-utc-ms", _clock.NewUtcMilliseconds)
                        .Number("source", _clock.Source);
                    return true;
                case EventType.ConsoleLogin:
                    if (!_login.TryDecode(p, 0, n)) return false;
                    json.String("user", _login.User).Bool("success", _login.Success).Number("channel", _login.Channel);
                    return true;
                case EventType.DoorForced:
                    if (!_forced.TryDecode(p, 0, n)) return false;
                    json.Number("door", _forced.Door);
                    return true;
                case EventType.DoorHeldOpen:
                    if (!_held.TryDecode(p, 0, n)) return false;
                    json.Number("door", _held.Door).Number("open-ms", _held.OpenMilliseconds).Bool("ended", _held.Ended);
                    return true;
                case EventType.DoorOpened:
                case EventType.GrantUnused:
                    if (!_passage.TryDecode(p, 0, n)) return false;
                    json.Number("door", _passage.Door).Number("grant-event", _passage.GrantEvent).String("request-id", _passage.RequestId);
                    return true;
                case EventType.OfficeMode:
                    if (!_office.TryDecode(p, 0, n)) return false;
                    json.Number("door", _office.Door).String("state", _office.Started ? "started" : "ended");
                    if (_office.Started) json.Number("seconds", _office.Seconds);
                    else json.String("end", OfficeModeEvent.EndText(_office.EndReason));
                    return true;
                case EventType.InterlockRefused:
                    if (!_interlock.TryDecode(p, 0, n)) return false;
                    json.Number("door", _interlock.Door).String("source", _interlock.Source == InterlockRefusedEvent.ExitButton ? "exit-button" : "unlock");
                    return true;
                case EventType.JournalOverflow:
                    if (!_overflow.TryDecode(p, 0, n)) return false;
                    json.Number("dropped", _overflow.Dropped).Number("dropped-total", _overflow.DroppedTotal).Bool("ended", _overflow.Ended);
                    return true;
                case EventType.RelayFault:
                    if (!_relay.TryDecode(p, 0, n)) return false;
                    json.Number("relay", _relay.Relay).Number("fault-code", _relay.FaultCode);
                    return true;
                case EventType.Tamper:
                    if (!_tamper.TryDecode(p, 0, n)) return false;
                    json.Number("source", _tamper.Source).Bool("active", _tamper.Active);
                    return true;
                default:
                    return false;
            }
        }
    }
}

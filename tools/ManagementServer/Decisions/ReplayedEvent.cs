using System.Text;
using System.Text.Json;
using DoorController.Access;
using DoorController.Contract;
using DoorController.Core;

namespace DoorController.Server.Decisions
{
    /// <summary>
    /// One journal event as it arrives on dc/v1/dev/&lt;id&gt;/events, read through the contract the firmware renders
    /// it with (<see cref="EventMessage"/>, <see cref="EventJsonReader"/>), plus the wire names the server stores.
    /// </summary>
    public sealed class ReplayedEvent
    {
        public long Sequence;
        /// <summary>The event it follows (<see cref="EventMessage.Previous"/>): acknowledged only once that one is held.</summary>
        public long Previous;
        /// <summary>The server's acknowledgement the controller holds (<see cref="EventMessage.Acknowledged"/>).</summary>
        public long Acknowledged;
        /// <summary>The event message's MAC (hex), named by the ack that covers this event.</summary>
        public string Mac;
        public long Id;
        public EventType Type;
        /// <summary>The type as sent (an unknown name from a newer firmware is stored as is).</summary>
        public string TypeName;
        public long UtcMs;
        public string Raw;
        /// <summary>access_decision only: the decision, as the controller journalled it.</summary>
        public AccessDecisionEvent Access;

        public bool Online => Access != null && Access.Online;
        public bool Allowed => Access != null && Access.Allowed;
        public string Reason => ReasonCodes.Name((ReasonCode)Access.Reason);
        public string Direction => WireNames.Direction((Direction)Access.Direction);
        public string Method => WireNames.Method((CredentialMethod)Access.Method);
        public bool Fraud => Access.Fraud;
        public bool PendingRetro => Access.PendingRetro;
        public int User => int.TryParse(Access.UserId, out int n) ? n : 0;
        public int Reader => int.TryParse(Access.ReaderId, out int n) ? n : 0;
        public string CredentialHash => Hex.Encode(Access.CredentialHash);
        public string RequestId => string.IsNullOrEmpty(Access.RequestId) ? null : Access.RequestId;

        /// <summary>Parses the envelope {"seq", "prev", "acked", "event", "mac"} of an event whose MAC was verified; false with a
        /// message for anything malformed.</summary>
        public static bool TryParse(byte[] payload, out ReplayedEvent e, out string error)
        {
            e = null;
            if (payload == null || !System.Text.Unicode.Utf8.IsValid(payload))
            {
                // System.Text.Json checks the structure, not the bytes inside strings: reading such a string throws.
                error = "not UTF-8 text";
                return false;
            }
            if (!EventMessage.TryParse(payload, out EventMessage message, out error)) return false;
            var r = new ReplayedEvent { Sequence = message.Sequence, Previous = message.Previous, Acknowledged = message.Acknowledged, Mac = WireMac.TagHex(payload) };
            if (!EventJsonReader.TryReadHeader(message.Event, out r.Id, out r.Type, out r.TypeName, out r.UtcMs, out _, out error)) return false;
            if (r.Id != r.Sequence)
            {
                error = "the event's id " + r.Id + " is not its message's seq " + r.Sequence;
                return false;
            }
            if (r.Type == EventType.AccessDecision)
            {
                r.Access = new AccessDecisionEvent();
                if (!EventJsonReader.TryReadAccess(message.Event, r.Access, out error))
                {
                    // An authenticated record whose payload did not decode on the controller ("payload-error"): kept
                    // as it came, among the controller's other events, so the journal behind it still drains.
                    r.Access = null;
                    r.Type = EventType.None;
                    error = null;
                }
            }
            try
            {
                r.Raw = RawEvent(payload);
            }
            catch (JsonException x)
            {
                error = "malformed JSON: " + x.Message;
                return false;
            }
            e = r;
            return true;
        }

        /// <summary>The event object's own text, stored for the types that have no table of their own.</summary>
        private static string RawEvent(byte[] payload)
        {
            using var doc = JsonDocument.Parse(payload);
            return doc.RootElement.GetProperty("event").GetRawText();
        }
    }
}

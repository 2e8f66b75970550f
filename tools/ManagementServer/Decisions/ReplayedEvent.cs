using System;
using System.Text.Json;

namespace DoorController.Server.Decisions
{
    /// <summary>One journal event as it arrives on dc/v1/dev/&lt;id&gt;/events (docs/events.md), parsed.</summary>
    public sealed class ReplayedEvent
    {
        public long Sequence;
        /// <summary>The event message's MAC (hex), named by the ack that covers this event.</summary>
        public string Mac;
        public long Id;
        public string Type;
        public long UtcMs;
        public string Raw;
        // access_decision
        public string Mode;
        public bool Allowed;
        public string Reason;
        public string Direction;
        public bool Fraud;
        public bool PendingRetro;
        public bool Duress;
        public int User;
        public int Reader;
        public string Method;
        public string CredentialHash;

        /// <summary>Parses the envelope {"seq": n, "event": {...}, "mac": ...} of an event whose MAC was verified;
        /// false with a message for anything malformed. Never throws.</summary>
        public static bool TryParse(byte[] payload, out ReplayedEvent e, out string error)
        {
            e = null;
            error = null;
            if (payload == null || !System.Text.Unicode.Utf8.IsValid(payload))
            {
                // System.Text.Json checks the structure, not the bytes inside strings: reading such a string throws.
                error = "not UTF-8 text";
                return false;
            }
            try
            {
                using (var doc = JsonDocument.Parse(payload))
                {
                    var root = doc.RootElement;
                    if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("seq", out var seq) || !seq.TryGetInt64(out long s)
                        || !root.TryGetProperty("event", out var ev) || ev.ValueKind != JsonValueKind.Object)
                    {
                        error = "expected {\"seq\": number, \"event\": object}";
                        return false;
                    }
                    var r = new ReplayedEvent { Sequence = s, Raw = ev.GetRawText(), Mac = DoorController.Contract.WireMac.TagHex(payload) };
                    r.Id = Long(ev, "id", s);
                    r.Type = Str(ev, "type") ?? "unknown";
                    r.UtcMs = Long(ev, "utc-ms", 0);
                    r.Mode = Str(ev, "mode");
                    r.Allowed = Bool(ev, "allowed");
                    r.Reason = Str(ev, "reason") ?? "";
                    r.Direction = Str(ev, "direction") ?? "unknown";
                    r.Fraud = Bool(ev, "fraud");
                    r.PendingRetro = Bool(ev, "pending-retro");
                    r.Duress = Bool(ev, "duress");
                    int.TryParse(Str(ev, "user"), out r.User);
                    int.TryParse(Str(ev, "reader"), out r.Reader);
                    r.Method = Str(ev, "method");
                    r.CredentialHash = Str(ev, "credential-hash");
                    e = r;
                    return true;
                }
            }
            catch (JsonException x)
            {
                error = "malformed JSON: " + x.Message;
                return false;
            }
            catch (InvalidOperationException)
            {
                // A string escape that is no text (a lone surrogate \ud800).
                error = "a string in the event is not valid text";
                return false;
            }
        }

        private static string Str(JsonElement o, string key) => o.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        private static bool Bool(JsonElement o, string key) => o.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.True;
        private static long Long(JsonElement o, string key, long fallback) => o.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out long n) ? n : fallback;
    }
}

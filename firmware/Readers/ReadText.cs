using DoorController.Access;

namespace DoorController.Readers
{
    /// <summary>Stable text names for methods and read outcomes (the device cannot ToString an enum).</summary>
    public static class ReadText
    {
        public static string Of(CredentialMethod method)
        {
            switch (method)
            {
                case CredentialMethod.Nfc: return "nfc";
                case CredentialMethod.Wiegand: return "wiegand";
                case CredentialMethod.Qr: return "qr";
                case CredentialMethod.Ble: return "ble";
                case CredentialMethod.Pin: return "pin";
                case CredentialMethod.ExternalFace: return "external-face";
                default: return "none";
            }
        }

        public static string Of(ReadOutcome outcome)
        {
            switch (outcome)
            {
                case ReadOutcome.Accepted: return "accepted";
                case ReadOutcome.InvalidLength: return "invalid-length";
                case ReadOutcome.ParityError: return "parity-error";
                case ReadOutcome.Truncated: return "truncated";
                case ReadOutcome.UnsupportedFormat: return "unsupported-format";
                case ReadOutcome.Noise: return "noise";
                case ReadOutcome.Malformed: return "malformed";
                case ReadOutcome.BadSignature: return "bad-signature";
                case ReadOutcome.Expired: return "expired";
                case ReadOutcome.NotYetValid: return "not-yet-valid";
                case ReadOutcome.Replayed: return "replayed";
                case ReadOutcome.WeakSignal: return "weak-signal";
                case ReadOutcome.ClockNotSet: return "clock-not-set";
                case ReadOutcome.PinTimeout: return "pin-timeout";
                case ReadOutcome.PinTooShort: return "pin-too-short";
                case ReadOutcome.PinTooLong: return "pin-too-long";
                case ReadOutcome.RandomUid: return "random-uid";
                case ReadOutcome.NotConfigured: return "not-configured";
                default: return "unknown";
            }
        }
    }
}

using DoorController.Access;

namespace DoorController.Controller
{
    /// <summary>
    /// Text forms of the decision core's enums as they appear in events and on the wire. Enum.ToString is not
    /// usable on the device, and the server parses these exact words, so they live in one place.
    /// </summary>
    public static class WireNames
    {
        public static string Method(CredentialMethod method)
        {
            switch (method)
            {
                case CredentialMethod.Nfc: return "nfc";
                case CredentialMethod.Wiegand: return "wiegand";
                case CredentialMethod.Qr: return "qr";
                case CredentialMethod.Ble: return "ble";
                case CredentialMethod.Pin: return "pin";
                case CredentialMethod.ExternalFace: return "face";
                default: return "unknown";
            }
        }

        public static CredentialMethod ParseMethod(string text)
        {
            switch (text)
            {
                case "nfc": return CredentialMethod.Nfc;
                case "wiegand": return CredentialMethod.Wiegand;
                case "qr": return CredentialMethod.Qr;
                case "ble": return CredentialMethod.Ble;
                case "pin": return CredentialMethod.Pin;
                case "face": return CredentialMethod.ExternalFace;
                default: return CredentialMethod.Unknown;
            }
        }

        public static string Direction(Direction direction)
        {
            switch (direction)
            {
                case Access.Direction.Entry: return "entry";
                case Access.Direction.Exit: return "exit";
                default: return "unknown";
            }
        }

        public static Direction ParseDirection(string text)
        {
            switch (text)
            {
                case "entry": return Access.Direction.Entry;
                case "exit": return Access.Direction.Exit;
                default: return Access.Direction.Unknown;
            }
        }
    }
}

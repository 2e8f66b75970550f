using DoorController.Access;

namespace DoorController.Contract
{
    /// <summary>
    /// Credential method and direction names as the server's API and events use them ("face" for an external face
    /// terminal).
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

        public static string Direction(Direction direction)
        {
            switch (direction)
            {
                case Access.Direction.Entry: return "entry";
                case Access.Direction.Exit: return "exit";
                default: return "unknown";
            }
        }

        /// <summary>Inverse of <see cref="Direction(Access.Direction)"/>; anything else is Unknown.</summary>
        public static Direction ParseDirection(string text)
        {
            switch (text)
            {
                case "entry": return Access.Direction.Entry;
                case "exit": return Access.Direction.Exit;
                default: return Access.Direction.Unknown;
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
    }
}

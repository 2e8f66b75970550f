namespace DoorController.Access
{
    /// <summary>
    /// How a credential was presented. The value is the first byte of the keyed-hash input, so the same digits
    /// typed as a PIN and printed in a QR code never collide. Values are stable (stored and on the wire).
    /// </summary>
    public enum CredentialMethod
    {
        Unknown = 0,
        Nfc = 1,
        Wiegand = 2,
        Qr = 3,
        Ble = 4,
        Pin = 5,
        ExternalFace = 6
    }
}

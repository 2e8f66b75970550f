namespace DoorController.Readers
{
    /// <summary>How a credential was presented. Numeric values are stable (journaled, sent upstream, hashed into ids).</summary>
    public enum CredentialMethod
    {
        None = 0,
        Nfc = 1,
        Wiegand = 2,
        Qr = 3,
        Ble = 4,
        Pin = 5,

        /// <summary>An external terminal (face recognition) that reports an already-identified user reference.</summary>
        ExternalFace = 6,
    }
}

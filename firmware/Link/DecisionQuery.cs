namespace DoorController.Link
{
    /// <summary>What the link needs to ask for a decision. <see cref="LocalContext"/> is handed unchanged to the local decider.</summary>
    public sealed class DecisionQuery
    {
        public int Door;
        public int Reader;

        /// <summary>"nfc", "wiegand", "qr", "ble", "pin".</summary>
        public string CredentialKind;

        /// <summary>Keyed hash of the credential, hex; the raw number never leaves the controller.</summary>
        public string CredentialHash;

        /// <summary>Interlock: the door paired with <see cref="Door"/> is open or unlocked (sent as "interlock").</summary>
        public bool OtherDoorNotSecure;

        /// <summary>The access layer's own request object for the offline pipeline.</summary>
        public object LocalContext;
    }
}

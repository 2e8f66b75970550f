namespace DoorController.Access
{
    /// <summary>Credential record flags (one byte in the store file). Values are stable.</summary>
    public static class CredentialFlags
    {
        public const int None = 0;
        /// <summary>Ignore valid-from/valid-to.</summary>
        public const int AlwaysValid = 1;
        /// <summary>Usable once (a one-time QR or PIN).</summary>
        public const int OneTime = 2;
        /// <summary>Usable <see cref="CredentialInfo.UsesAllowed"/> times.</summary>
        public const int UseCount = 4;
        /// <summary>Blocked (lost card) but kept so the event names the user.</summary>
        public const int Blocked = 8;
    }
}

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
        /// <summary>A duress code: decided exactly like the person's normal code (the door shows nothing different),
        /// and the decision is marked <see cref="AccessDecision.Duress"/> so a silent alert reaches the guards.</summary>
        public const int Duress = 16;
        /// <summary>Valid for <see cref="CredentialInfo.UsesAllowed"/> minutes after its first use (a cleaner's or
        /// courier's key); the first use is kept by the <see cref="IKeyUseLedger"/>.</summary>
        public const int ExpiresAfterFirstUse = 32;
    }
}

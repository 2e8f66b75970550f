namespace DoorController.Access
{
    /// <summary>
    /// Part of S113 for keys limited by their first use: a one-time key (a delivery code, a disposable key) that has
    /// a first use is spent; a key that expires N minutes after its first use is refused once N minutes have passed
    /// since the earliest use anyone recorded. Without a ledger such keys are refused (nothing can prove they are
    /// unused). The grant that is a key's first use is recorded by <see cref="DecisionStep"/>.
    /// </summary>
    public static class KeyUseCheck
    {
        public const long SecondsPerMinute = 60;

        public static bool IsLimitedByFirstUse(CredentialInfo cred)
        {
            return cred.HasFlag(CredentialFlags.OneTime) || cred.HasFlag(CredentialFlags.ExpiresAfterFirstUse);
        }

        public static ReasonCode Run(DecisionContext c)
        {
            CredentialInfo cred = c.Credential;
            if (!IsLimitedByFirstUse(cred))
            {
                return ReasonCode.Granted;
            }
            IKeyUseLedger ledger = c.Sources.KeyUses;
            if (ledger == null)
            {
                return ReasonCode.UsesExhausted;
            }
            long first = ledger.FirstUse(cred.Hash, 0);
            if (first == 0)
            {
                return ReasonCode.Granted;
            }
            if (cred.HasFlag(CredentialFlags.OneTime))
            {
                return ReasonCode.UsesExhausted;
            }
            return c.Now > first + cred.UsesAllowed * SecondsPerMinute ? ReasonCode.ExpiredAfterFirstUse : ReasonCode.Granted;
        }

        /// <summary>On a grant: remembers the first use (the ledger keeps the earliest).</summary>
        public static void RecordGrant(DecisionContext c)
        {
            CredentialInfo cred = c.Credential;
            IKeyUseLedger ledger = c.Sources.KeyUses;
            if (!IsLimitedByFirstUse(cred) || ledger == null)
            {
                return;
            }
            c.Decision.FirstUse = ledger.FirstUse(cred.Hash, 0) == 0;
            ledger.RecordUse(cred.Hash, 0, c.Now);
        }
    }
}

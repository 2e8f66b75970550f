namespace DoorController.Access
{
    /// <summary>
    /// Credential rule per reader and time window (after S113, before direction): while one of the reader's card + PIN
    /// windows holds, one credential is not enough. The first factor of a person (a PIN, or any other credential) is
    /// remembered and refused with <see cref="ReasonCode.SecondFactorRequired"/>; the other kind from the same person
    /// at the same reader within the allowed seconds completes the pair and the decision goes on. Either order.
    /// </summary>
    public static class CredentialRuleCheck
    {
        public const int DefaultSeconds = 10;

        public static ReasonCode Run(DecisionContext c)
        {
            if (!WantsCardAndPin(c))
            {
                return ReasonCode.Granted;
            }
            PendingFactors pending = c.Sources.PendingFactors;
            if (pending == null)
            {
                return ReasonCode.SecondFactorRequired;
            }
            bool isPin = c.Request.Method == CredentialMethod.Pin;
            int seconds = c.Reader.CardAndPinSeconds > 0 ? c.Reader.CardAndPinSeconds : DefaultSeconds;
            if (pending.TakeOther(c.Reader.Id, c.User.Id, isPin, c.Now, seconds))
            {
                return ReasonCode.Granted;
            }
            pending.Put(c.Reader.Id, c.User.Id, isPin, c.Now);
            return ReasonCode.SecondFactorRequired;
        }

        /// <summary>True when the reader's card + PIN rule holds at the decision's site-local time.</summary>
        public static bool WantsCardAndPin(DecisionContext c)
        {
            TimeWindow[] windows = c.Reader.CardAndPinWindows;
            for (int i = 0; windows != null && i < windows.Length; i++)
            {
                if (windows[i] != null && windows[i].Contains(c.TodayBit, c.YesterdayBit, c.MinuteOfDay))
                {
                    return true;
                }
            }
            return false;
        }
    }
}

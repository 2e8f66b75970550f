namespace DoorController.Access
{
    /// <summary>
    /// S217: decides, from the fraud detection information of this reader and the user's attribute (Fig 9A),
    /// whether the behaviour findings count as fraud and whether fraud denies. Guards are never judged fraudulent
    /// at G1; a guest leaving G3 without an entry record is not fraud. Hard/timed APB deny, soft APB allows and
    /// flags; schedule and travel follow their own <see cref="CheckMode"/>.
    /// </summary>
    public static class AttributePolicyCheck
    {
        public static ReasonCode Run(DecisionContext c)
        {
            AccessPolicy policy = c.Policy;
            AccessDecision d = c.Decision;
            if (!policy.Allowed)
            {
                return ReasonCode.AttributeNotAllowed;
            }
            ReasonCode deny = ReasonCode.Granted;
            if (c.ApbFinding != ReasonCode.Granted)
            {
                if (policy.IsFraud(d.Direction))
                {
                    MarkFraud(d, c.ApbFinding);
                    if (policy.Apb != ApbMode.Soft)
                    {
                        deny = c.ApbFinding;
                    }
                }
                else
                {
                    d.ExcusedRule = c.ApbFinding;
                }
            }
            deny = Apply(d, c.ScheduleFinding, policy.Schedule, deny);
            deny = Apply(d, c.TravelFinding, policy.Travel, deny);
            return deny;
        }

        private static ReasonCode Apply(AccessDecision d, ReasonCode finding, CheckMode mode, ReasonCode deny)
        {
            if (finding == ReasonCode.Granted || mode == CheckMode.Off)
            {
                return deny;
            }
            MarkFraud(d, finding);
            return mode == CheckMode.Deny && deny == ReasonCode.Granted ? finding : deny;
        }

        private static void MarkFraud(AccessDecision d, ReasonCode rule)
        {
            if (!d.Fraud)
            {
                d.Fraud = true;
                d.FraudRule = rule;
            }
        }
    }
}

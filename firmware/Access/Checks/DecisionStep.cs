namespace DoorController.Access
{
    /// <summary>
    /// S117 / S218: turns the checks' outcome into determination result information: allow or deny, the
    /// notification route for fraud (Fig 9B, per attribute and reader), the unlock duration, and what happens
    /// on a grant (consume a one-time use, remember the sighting, commit presence now or when the door opens).
    /// </summary>
    public static class DecisionStep
    {
        public static void Finish(DecisionContext c, ReasonCode deny)
        {
            AccessDecision d = c.Decision;
            if (d.Fraud && c.Sources.Routes != null && c.Reader != null)
            {
                NotificationRoute route = c.Sources.Routes.Find(d.Attribute, c.Reader.Id);
                if (route != null)
                {
                    d.Route = route;
                    d.RouteTargetBits = route.Targets;
                }
            }
            if (deny != ReasonCode.Granted)
            {
                d.Deny(deny);
                return;
            }
            d.Allowed = true;
            d.Reason = ReasonCode.Granted;
            int unlock = c.Door != null ? c.Door.UnlockMilliseconds : 0;
            d.UnlockMilliseconds = unlock > 0 ? unlock : c.Options.DefaultUnlockMilliseconds;
            if (c.User.ExtendedAccess)
            {
                d.ExtendedAccess = true;
                if (d.UnlockMilliseconds < c.Options.ExtendedUnlockMilliseconds)
                {
                    d.UnlockMilliseconds = c.Options.ExtendedUnlockMilliseconds;
                }
            }
            OnGrant(c);
        }

        private static void OnGrant(DecisionContext c)
        {
            AccessDecision d = c.Decision;
            if (ValidityCheck.UsesAllowed(c.Credential) >= 0 && c.Sources.UseCounter != null)
            {
                c.Sources.UseCounter.Consume(c.Credential.Index);
            }
            KeyUseCheck.RecordGrant(c);
            OfficeModeCheck.Run(c);
            RecordSighting(c);
            if (c.ControlledArea == 0)
            {
                return;
            }
            if (c.Door != null && c.Door.HasDoorContact)
            {
                d.CommitPending = true; // tailgate-safe: only a real opening moves the user
                return;
            }
            Presence.Commit(c.Sources.Presence, c.Sources.Site, d.UserId, d.Direction, d.AreaId, d.OuterAreaId, d.AtUnix);
            d.PresenceCommitted = true;
        }

        private static void RecordSighting(DecisionContext c)
        {
            ILastSeenSource lastSeen = c.Sources.LastSeen;
            if (lastSeen == null)
            {
                return;
            }
            c.LastSighting.SetFromReader(c.User.Id, c.Reader, c.Now);
            lastSeen.Record(c.LastSighting);
        }
    }
}

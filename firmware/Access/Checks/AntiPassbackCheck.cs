namespace DoorController.Access
{
    /// <summary>
    /// S115-S116: the entry/exit conditions against the user's presence, which is kept per user (not per card)
    /// across every reader and method. Condition 1: an entry needs the last record to be an exit (or none).
    /// Condition 2: an exit needs the last record to be an entry. Nested areas: entering an inner area while
    /// recorded outside the area around it also fails. Timed mode forgets an entry after
    /// <see cref="AccessPolicy.TimedApbSeconds"/>. Returns a finding; S217 decides what it means.
    /// </summary>
    public static class AntiPassbackCheck
    {
        public static ReasonCode Run(DecisionContext c)
        {
            return Evaluate(c.Sources.Presence, c.Sources.Site, c.Policy, c.User.Id, c.Decision.Direction,
                            c.ControlledArea, c.OuterArea, c.Now);
        }

        /// <summary>The check on its own, also used by the retro check when replaying events.</summary>
        public static ReasonCode Evaluate(IPresenceStore presence, ISiteDirectory site, AccessPolicy policy, int userId,
                                          Direction direction, int area, int outerArea, long now)
        {
            if (policy.Apb == ApbMode.Off || area == 0 || presence == null)
            {
                return ReasonCode.Granted;
            }
            long at;
            int state = Presence.Effective(presence, site, userId, area, out at);
            if (direction == Direction.Entry)
            {
                if (state == Presence.Inside && !Expired(policy, at, now))
                {
                    return ReasonCode.ApbEntryWithoutExit;
                }
                long outerAt;
                if (outerArea != 0 && Presence.Effective(presence, site, userId, outerArea, out outerAt) == Presence.Outside)
                {
                    return ReasonCode.ApbOuterAreaNotEntered;
                }
                return ReasonCode.Granted;
            }
            if (direction == Direction.Exit && state != Presence.Inside)
            {
                return ReasonCode.ApbExitWithoutEntry;
            }
            return ReasonCode.Granted;
        }

        private static bool Expired(AccessPolicy policy, long at, long now)
        {
            return policy.Apb == ApbMode.Timed && now - at >= policy.TimedApbSeconds;
        }
    }
}

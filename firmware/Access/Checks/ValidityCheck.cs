namespace DoorController.Access
{
    /// <summary>
    /// S113: is the credential valid now (valid-from/valid-to to the second, use count), and does some permission
    /// of the user or one of their groups cover this reader at this local time? When nothing covers it the most
    /// specific failure is reported (outside the window rather than no permission).
    /// </summary>
    public static class ValidityCheck
    {
        public static ReasonCode Run(DecisionContext c)
        {
            ReasonCode credential = CheckCredential(c);
            if (credential != ReasonCode.Granted)
            {
                return credential;
            }
            IPermissionSource source = c.Sources.Permissions;
            if (source == null)
            {
                return ReasonCode.NoPermission;
            }
            ReasonCode best = CheckList(c, source.ForUser(c.User.Id), ReasonCode.NoPermission);
            if (best == ReasonCode.Granted)
            {
                return best;
            }
            int[] groups = c.User.GroupIds;
            for (int i = 0; groups != null && i < groups.Length; i++)
            {
                best = CheckList(c, source.ForGroup(groups[i]), best);
                if (best == ReasonCode.Granted)
                {
                    return best;
                }
            }
            return best;
        }

        private static ReasonCode CheckCredential(DecisionContext c)
        {
            CredentialInfo cred = c.Credential;
            long now = c.Now;
            if (!cred.HasFlag(CredentialFlags.AlwaysValid))
            {
                if (cred.ValidFromUnix != 0 && now < cred.ValidFromUnix)
                {
                    return ReasonCode.CredentialNotYetValid;
                }
                if (cred.ValidToUnix != 0 && now > cred.ValidToUnix)
                {
                    return ReasonCode.CredentialExpired;
                }
            }
            int allowed = UsesAllowed(cred);
            if (allowed >= 0)
            {
                IUseCounter counter = c.Sources.UseCounter;
                if (counter == null || counter.Used(cred.Index) >= allowed)
                {
                    return ReasonCode.UsesExhausted;
                }
            }
            ReasonCode keyUse = KeyUseCheck.Run(c);
            if (keyUse != ReasonCode.Granted)
            {
                return keyUse; // a spent or blocked key says so even when the time is uncertain
            }
            // Without trusted time nothing that depends on it can be judged: only always-valid credentials go on.
            return c.Request.TimeUncertain && !cred.HasFlag(CredentialFlags.AlwaysValid) ? ReasonCode.ClockNotSet : ReasonCode.Granted;
        }

        /// <summary>Uses a counted credential allows, or -1 when not counted (one-time keys are limited by their first
        /// use instead: <see cref="KeyUseCheck"/>).</summary>
        public static int UsesAllowed(CredentialInfo cred)
        {
            return cred.HasFlag(CredentialFlags.UseCount) && !KeyUseCheck.IsLimitedByFirstUse(cred) ? cred.UsesAllowed : -1;
        }

        private static ReasonCode CheckList(DecisionContext c, Permission[] list, ReasonCode best)
        {
            for (int i = 0; list != null && i < list.Length; i++)
            {
                Permission p = list[i];
                if (p == null || !Covers(c, p))
                {
                    continue;
                }
                ReasonCode r = CheckOne(c, p);
                if (r == ReasonCode.Granted)
                {
                    return r;
                }
                best = r; // a covering permission that fails says more than "no permission"
            }
            return best;
        }

        private static bool Covers(DecisionContext c, Permission p)
        {
            switch (p.Target)
            {
                case PermissionTarget.Reader:
                    return p.TargetId == c.Reader.Id;
                case PermissionTarget.Door:
                    return p.TargetId == c.Reader.DoorId;
                case PermissionTarget.Area:
                    return Areas.IsWithin(c.Sources.Site, c.ControlledArea, p.TargetId);
                default:
                    return false;
            }
        }

        private static ReasonCode CheckOne(DecisionContext c, Permission p)
        {
            if (p.ValidFromUnix != 0 && c.Now < p.ValidFromUnix)
            {
                return ReasonCode.PermissionNotYetValid;
            }
            if (p.ValidToUnix != 0 && c.Now > p.ValidToUnix)
            {
                return ReasonCode.PermissionExpired;
            }
            TimeWindow[] windows = p.Windows;
            if (windows == null || windows.Length == 0)
            {
                return ReasonCode.Granted;
            }
            for (int i = 0; i < windows.Length; i++)
            {
                if (windows[i] != null && windows[i].Contains(c.TodayBit, c.YesterdayBit, c.MinuteOfDay))
                {
                    return ReasonCode.Granted;
                }
            }
            return ReasonCode.OutsideTimeWindow;
        }
    }
}

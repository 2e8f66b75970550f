namespace DoorController.Access
{
    /// <summary>
    /// Where the pipeline reads its data. The same pipeline runs on the controller (offline, compact cached
    /// stores) and on the server (online, in-memory sources filled from its database). Sources marked optional
    /// may be null; their checks are then skipped.
    /// </summary>
    public sealed class AccessSources
    {
        public ICredentialDirectory Credentials;
        public IUserDirectory Users;
        public ISiteDirectory Site;
        public IPermissionSource Permissions;
        /// <summary>Presence per user and area; needed for anti-passback and toggle readers.</summary>
        public IPresenceStore Presence;
        /// <summary>Optional.</summary>
        public IHolidayCalendar Holidays;
        /// <summary>Optional: without it no policy-specific rules apply (default policy).</summary>
        public IPolicySource Policies;
        /// <summary>Optional: without it fraud is flagged but nobody is routed.</summary>
        public IRouteSource Routes;
        /// <summary>Optional: needed for one-time and counted credentials (denied without it).</summary>
        public IUseCounter UseCounter;
        /// <summary>Optional: first uses of one-time keys and keys that expire after their first use (those keys are
        /// denied without it). On the controller a durable file, so a key used offline stays used across a restart.</summary>
        public IKeyUseLedger KeyUses;
        /// <summary>Optional: first factors waiting for their second at readers that want card + PIN (without it such
        /// readers refuse everything while their rule holds).</summary>
        public PendingFactors PendingFactors;
        /// <summary>Optional (schedule check).</summary>
        public IScheduleSource Schedule;
        /// <summary>Optional (impossible-travel check).</summary>
        public ILastSeenSource LastSeen;
    }
}

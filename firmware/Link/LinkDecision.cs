namespace DoorController.Link
{
    /// <summary>A decision as the door acts on it, with where it came from.</summary>
    public sealed class LinkDecision
    {
        public bool Granted;
        public string Reason;
        public long UnlockMilliseconds;
        /// <summary>Granted to a person with extended access (longer held-open time at the door).</summary>
        public bool Extended;
        /// <summary>First-person-in: hold the door unlocked this long, to the office-mode window's end (0: no).</summary>
        public long OfficeModeMilliseconds;
        public DecisionSource Source;

        /// <summary>The controller's clock was not certain when deciding (docs/time.md).</summary>
        public bool ClockUncertain;

        public LinkDecision(bool granted, string reason, long unlockMilliseconds)
        {
            Granted = granted;
            Reason = reason;
            UnlockMilliseconds = unlockMilliseconds;
        }
    }
}

namespace DoorController.Server.Decisions
{
    /// <summary>An online decision copied out of the core's reused decision object, in server ids.
    /// <paramref name="AwaitingDoor"/>: granted at a door with a contact, so the person's presence moves only when the
    /// controller reports the door opened.</summary>
    public sealed record DecisionOutcome(bool Granted, string Reason, int UnlockMilliseconds, string UserId, string ReaderId,
        string Direction, string Method, bool Fraud, string FraudRule, string SpentCredentialId, long AtMs, bool Extended = false,
        bool AwaitingDoor = false)
    {
        /// <summary>The access_log passage of this decision's row (<see cref="Services.AccessEvent.Passage"/>).</summary>
        public string Passage => AwaitingDoor ? Services.AccessEvent.AwaitingDoor : null;

        /// <summary>Decided on the person's duress code: a silent alert to the guards, never anything in the door's
        /// answer (the controller and whoever watches it cannot tell).</summary>
        public bool Duress { get; init; }

        /// <summary>First-person-in: the door is held unlocked this long, to its office-mode window's end (0: no).</summary>
        public long OfficeModeMilliseconds { get; init; }
    }
}

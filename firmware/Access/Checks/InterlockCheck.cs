namespace DoorController.Access
{
    /// <summary>
    /// Interlock (mantrap): a request at a door whose paired door is open or unlocked is refused with
    /// <see cref="ReasonCode.DoorInterlocked"/>, online and offline alike. The door states are the controller's to
    /// see, so it states them in the request; the check runs after authentication and direction so the refusal is
    /// recorded against the person and way they asked, and before anything a grant would change (a one-time use, a
    /// first use, presence). The door layer enforces the same rule again when it releases a lock
    /// (DoorController.Door.DoorInterlock): this check gives the refusal its reason, that one is the guarantee.
    /// </summary>
    public static class InterlockCheck
    {
        public static ReasonCode Run(DecisionContext c)
        {
            return c.Request.OtherDoorNotSecure ? ReasonCode.DoorInterlocked : ReasonCode.Granted;
        }
    }
}

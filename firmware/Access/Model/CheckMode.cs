namespace DoorController.Access
{
    /// <summary>What a behaviour check (schedule, travel) does when it fails. Values are stable.</summary>
    public enum CheckMode
    {
        Off = 0,
        /// <summary>Allow, but mark the decision as possible fraud and notify.</summary>
        Flag = 1,
        /// <summary>Restrict use of the object (the patent's default for schedule and travel).</summary>
        Deny = 2
    }
}

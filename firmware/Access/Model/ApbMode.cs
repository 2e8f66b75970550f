namespace DoorController.Access
{
    /// <summary>Anti-passback handling for a reader and attribute (S115-S116). Values are stable.</summary>
    public enum ApbMode
    {
        Off = 0,
        /// <summary>A violation is allowed but flagged as fraud and routed.</summary>
        Soft = 1,
        /// <summary>A violation is denied.</summary>
        Hard = 2,
        /// <summary>Like hard, but a presence older than <see cref="AccessPolicy.TimedApbSeconds"/> no longer counts.</summary>
        Timed = 3
    }
}

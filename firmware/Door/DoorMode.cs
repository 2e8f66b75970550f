namespace DoorController.Door
{
    public enum DoorMode
    {
        /// <summary>Locked; unlocks for grants and (if configured) exit requests.</summary>
        Normal = 0,

        /// <summary>Locked; grants are refused. Exit requests still unlock if configured (free egress).</summary>
        Lockdown = 1,

        /// <summary>Emergency release: held unlocked until the mode changes. No forced or held-open alarms.</summary>
        Release = 2,
    }
}

namespace DoorController.Door
{
    /// <summary>How the lock behaves without power, which decides what "energise the relay" means.</summary>
    public enum LockPolarity
    {
        /// <summary>Electric strike / fail-secure bolt: locked without power, the relay is energised to unlock.</summary>
        FailSecure = 0,

        /// <summary>Magnetic lock / fail-safe strike: unlocked without power, the relay is energised to lock.</summary>
        FailSafe = 1,
    }
}

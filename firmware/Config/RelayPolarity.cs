namespace DoorController.Config
{
    /// <summary>
    /// How the lock behaves when the controller loses power, which decides how the relay is driven.
    /// Fail-secure hardware (electric strike) stays locked unpowered: energise the relay to unlock.
    /// Fail-safe hardware (maglock) opens unpowered: the relay is held energised and released to unlock.
    /// </summary>
    public enum RelayPolarity
    {
        FailSecure = 0,
        FailSafe = 1
    }
}

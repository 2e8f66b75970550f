namespace DoorController.Access
{
    /// <summary>
    /// Online: every check runs (server, or controller with fresh data). Offline: anti-passback and checks that need
    /// other devices' events are skipped and the decision is marked pending a retro check. Values are stable.
    /// </summary>
    public enum DecisionMode
    {
        Online = 1,
        Offline = 2
    }
}

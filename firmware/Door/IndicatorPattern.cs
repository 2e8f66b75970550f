namespace DoorController.Door
{
    /// <summary>What the reader LED and buzzer show. Feedback patterns play once; the others repeat.</summary>
    public enum IndicatorPattern
    {
        Idle = 0,
        Granted = 1,
        Denied = 2,
        Error = 3,
        Offline = 4,
        Lockdown = 5,
        Release = 6,
        HeldOpenAlarm = 7,
        ForcedAlarm = 8,
    }
}

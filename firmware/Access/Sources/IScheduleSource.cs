namespace DoorController.Access
{
    /// <summary>Schedule information per user (Fig 7).</summary>
    public interface IScheduleSource
    {
        /// <summary>The user's events; never null.</summary>
        ScheduleEntry[] For(int userId);
    }
}

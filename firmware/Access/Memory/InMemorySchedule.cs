namespace DoorController.Access
{
    /// <summary>Schedule entries per user in RAM (server: filled from calendars).</summary>
    public sealed class InMemorySchedule : IScheduleSource
    {
        private static readonly ScheduleEntry[] None = new ScheduleEntry[0];
        private readonly IntMap _byUser = new IntMap();

        public ScheduleEntry Add(int userId, ScheduleEntry entry)
        {
            ScheduleEntry[] old = (ScheduleEntry[])_byUser.Get(userId);
            int n = old == null ? 0 : old.Length;
            ScheduleEntry[] grown = new ScheduleEntry[n + 1];
            if (old != null)
            {
                System.Array.Copy(old, grown, n);
            }
            grown[n] = entry;
            _byUser.Put(userId, grown);
            return entry;
        }

        public ScheduleEntry[] For(int userId)
        {
            ScheduleEntry[] list = (ScheduleEntry[])_byUser.Get(userId);
            return list == null ? None : list;
        }
    }
}

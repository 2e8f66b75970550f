namespace DoorController.Access
{
    /// <summary>
    /// First-person-in (office mode), judged on a grant: an entry by an <see cref="User.OfficeModeHolder"/> at a door
    /// with office-mode windows, while one of them holds, asks the door to stay unlocked until that window ends
    /// (<see cref="AccessDecision.OfficeModeMilliseconds"/>; the latest end when windows overlap). Never on an exit
    /// (the last one leaving must not open the building), never without trusted time (the window cannot be judged),
    /// never for anyone else. It only adds to a grant: it never refuses, and a denied request never starts it.
    /// Relative milliseconds, not a wall-clock end, so the controller holds the door for the same span whatever its
    /// own clock reads.
    /// </summary>
    public static class OfficeModeCheck
    {
        private const long MinuteMilliseconds = 60000;

        public static void Run(DecisionContext c)
        {
            AccessDecision d = c.Decision;
            d.OfficeModeMilliseconds = 0;
            if (!d.Allowed || c.User == null || !c.User.OfficeModeHolder || c.Door == null || c.Request.TimeUncertain
                || d.Direction == Direction.Exit)
            {
                return;
            }
            int minutesLeft = MinutesLeft(c.Door.OfficeModeWindows, c.TodayBit, c.YesterdayBit, c.MinuteOfDay);
            if (minutesLeft <= 0)
            {
                return;
            }
            long secondsIntoMinute = c.Request.AtUnix % 60;
            d.OfficeModeMilliseconds = minutesLeft * MinuteMilliseconds - secondsIntoMinute * 1000;
        }

        /// <summary>Whole minutes from the start of <paramref name="minuteOfDay"/> to the latest end of a window that
        /// holds now (0: none holds).</summary>
        public static int MinutesLeft(TimeWindow[] windows, int todayBit, int yesterdayBit, int minuteOfDay)
        {
            int best = 0;
            for (int i = 0; windows != null && i < windows.Length; i++)
            {
                TimeWindow w = windows[i];
                if (w == null || !w.Contains(todayBit, yesterdayBit, minuteOfDay))
                {
                    continue;
                }
                // A window crossing midnight, seen before midnight, ends tomorrow.
                int left = w.CrossesMidnight && minuteOfDay >= w.StartMinute
                    ? TimeWindow.MinutesPerDay - minuteOfDay + w.EndMinute
                    : w.EndMinute - minuteOfDay;
                if (left > best)
                {
                    best = left;
                }
            }
            return best;
        }
    }
}

namespace DoorController.Access
{
    /// <summary>
    /// A yearly daylight-saving rule in the "n-th weekday of a month at a local time" form used by POSIX TZ
    /// strings (e.g. EU: last Sunday of March 01:00 UTC to last Sunday of October). The device has no time-zone
    /// database, so a site configures at most one rule. Southern-hemisphere rules (start after end) work too.
    /// </summary>
    public sealed class DstRule
    {
        public int StartMonth;
        /// <summary>1-4, or 5 for the last such weekday.</summary>
        public int StartWeek;
        public int StartDayOfWeek;
        /// <summary>Minute of the local standard-time day the change happens.</summary>
        public int StartMinute;
        public int EndMonth;
        public int EndWeek;
        public int EndDayOfWeek;
        /// <summary>Minute of the local daylight-time day the change back happens.</summary>
        public int EndMinute;
        public int SaveMinutes = 60;

        /// <summary>True when <paramref name="standardLocalSeconds"/> (UTC + standard offset) falls in daylight time.</summary>
        public bool IsDaylight(long standardLocalSeconds)
        {
            int year;
            int month;
            int day;
            CivilDate.CivilFromDays(CivilDate.DayNumber(standardLocalSeconds), out year, out month, out day);
            long start = CivilDate.NthWeekday(year, StartMonth, StartWeek, StartDayOfWeek) * CivilDate.SecondsPerDay + StartMinute * 60L;
            // The end time is given in daylight time; in standard time it is one saving earlier.
            long end = CivilDate.NthWeekday(year, EndMonth, EndWeek, EndDayOfWeek) * CivilDate.SecondsPerDay + EndMinute * 60L - SaveMinutes * 60L;
            if (start < end)
            {
                return standardLocalSeconds >= start && standardLocalSeconds < end;
            }
            return standardLocalSeconds >= start || standardLocalSeconds < end;
        }
    }
}

namespace DoorController.Access
{
    /// <summary>
    /// A weekly window in site-local time (S113: "9:00 to 22:00 on weekdays"). <see cref="DaysMask"/> has bit n for
    /// DayOfWeek n (Sunday = 0) and <see cref="HolidayBit"/> for holidays: on a holiday only windows with the holiday
    /// bit apply. When <see cref="EndMinute"/> &lt;= <see cref="StartMinute"/> the window crosses midnight and its
    /// early-morning part belongs to the day it started on (Fri 22:00-06:00 covers Saturday 05:59).
    /// </summary>
    public sealed class TimeWindow
    {
        public const int HolidayBit = 0x80;
        public const int Weekdays = 0x3E;
        public const int EveryDay = 0x7F;
        public const int MinutesPerDay = 1440;

        public int DaysMask;
        /// <summary>Minute of the day the window opens, 0..1439, inclusive.</summary>
        public int StartMinute;
        /// <summary>Minute of the day the window closes, exclusive; 1440 = midnight.</summary>
        public int EndMinute;

        public TimeWindow()
        {
        }

        public TimeWindow(int daysMask, int startMinute, int endMinute)
        {
            DaysMask = daysMask;
            StartMinute = startMinute;
            EndMinute = endMinute;
        }

        /// <summary>Convenience: hours and minutes instead of minutes of the day.</summary>
        public static TimeWindow Hours(int daysMask, int startHour, int startMinute, int endHour, int endMinute)
        {
            return new TimeWindow(daysMask, startHour * 60 + startMinute, endHour * 60 + endMinute);
        }

        public bool CrossesMidnight
        {
            get { return EndMinute <= StartMinute; }
        }

        /// <summary>
        /// True when local minute <paramref name="minuteOfDay"/> of a day whose day bit is <paramref name="todayBit"/>
        /// (1 &lt;&lt; DayOfWeek, or <see cref="HolidayBit"/>) falls in the window; <paramref name="yesterdayBit"/> is
        /// the previous day's bit, for the part of a window that started before midnight.
        /// </summary>
        public bool Contains(int todayBit, int yesterdayBit, int minuteOfDay)
        {
            if (!CrossesMidnight)
            {
                return (DaysMask & todayBit) != 0 && minuteOfDay >= StartMinute && minuteOfDay < EndMinute;
            }
            if ((DaysMask & todayBit) != 0 && minuteOfDay >= StartMinute)
            {
                return true;
            }
            return (DaysMask & yesterdayBit) != 0 && minuteOfDay < EndMinute;
        }
    }
}

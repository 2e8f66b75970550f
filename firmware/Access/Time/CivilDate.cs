namespace DoorController.Access
{
    /// <summary>
    /// Integer calendar arithmetic on day numbers (days since 1970-01-01), proleptic Gregorian. Used instead of
    /// DateTime so that evaluating a time window allocates nothing and never depends on the device's time zone.
    /// </summary>
    public static class CivilDate
    {
        public const long SecondsPerDay = 86400;

        /// <summary>Day number of year/month/day (month 1-12).</summary>
        public static int DaysFromCivil(int year, int month, int day)
        {
            // Shift the year so it starts in March: the leap day then falls at the end of the shifted year.
            int y = month <= 2 ? year - 1 : year;
            int era = (y >= 0 ? y : y - 399) / 400;
            int yearOfEra = y - era * 400;
            int shiftedMonth = month > 2 ? month - 3 : month + 9;
            int dayOfYear = (153 * shiftedMonth + 2) / 5 + day - 1;
            int dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
            return era * 146097 + dayOfEra - 719468;
        }

        /// <summary>Inverse of <see cref="DaysFromCivil"/>.</summary>
        public static void CivilFromDays(int days, out int year, out int month, out int day)
        {
            int z = days + 719468;
            int era = (z >= 0 ? z : z - 146096) / 146097;
            int dayOfEra = z - era * 146097;
            int yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365;
            int dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
            int shiftedMonth = (5 * dayOfYear + 2) / 153;
            day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1;
            month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
            year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
        }

        /// <summary>0 = Sunday ... 6 = Saturday (same numbering as System.DayOfWeek).</summary>
        public static int DayOfWeek(int days)
        {
            int r = (days + 4) % 7; // 1970-01-01 was a Thursday
            return r < 0 ? r + 7 : r;
        }

        /// <summary>Floor division of seconds into a day number (correct for times before 1970 too).</summary>
        public static int DayNumber(long seconds)
        {
            long d = seconds / SecondsPerDay;
            if (seconds % SecondsPerDay < 0)
            {
                d--;
            }
            return (int)d;
        }

        public static int MinuteOfDay(long seconds)
        {
            long r = seconds % SecondsPerDay;
            if (r < 0)
            {
                r += SecondsPerDay;
            }
            return (int)(r / 60);
        }

        /// <summary>
        /// Day number of the <paramref name="week"/>-th (1-4, or 5 = last) <paramref name="dayOfWeek"/> of a month.
        /// </summary>
        public static int NthWeekday(int year, int month, int week, int dayOfWeek)
        {
            int first = DaysFromCivil(year, month, 1);
            int day = first + (dayOfWeek - DayOfWeek(first) + 7) % 7 + (week - 1) * 7;
            int nextMonthFirst = month == 12 ? DaysFromCivil(year + 1, 1, 1) : DaysFromCivil(year, month + 1, 1);
            while (day >= nextMonthFirst)
            {
                day -= 7;
            }
            return day;
        }
    }
}

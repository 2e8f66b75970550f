namespace DoorController.Access
{
    /// <summary>Holidays as a sorted array of local day numbers (binary search, no allocation per lookup).</summary>
    public sealed class HolidayList : IHolidayCalendar
    {
        private int[] _days = new int[0];

        public void Add(int year, int month, int day)
        {
            AddDay(CivilDate.DaysFromCivil(year, month, day));
        }

        public void AddDay(int localDayNumber)
        {
            int[] grown = new int[_days.Length + 1];
            int i = 0;
            while (i < _days.Length && _days[i] < localDayNumber)
            {
                grown[i] = _days[i];
                i++;
            }
            if (i < _days.Length && _days[i] == localDayNumber)
            {
                return;
            }
            grown[i] = localDayNumber;
            System.Array.Copy(_days, i, grown, i + 1, _days.Length - i);
            _days = grown;
        }

        public int[] Days
        {
            get { return _days; }
        }

        public bool IsHoliday(int localDayNumber)
        {
            int lo = 0;
            int hi = _days.Length - 1;
            while (lo <= hi)
            {
                int mid = (lo + hi) >> 1;
                if (_days[mid] == localDayNumber)
                {
                    return true;
                }
                if (_days[mid] < localDayNumber)
                {
                    lo = mid + 1;
                }
                else
                {
                    hi = mid - 1;
                }
            }
            return false;
        }
    }
}

namespace DoorController.Access
{
    /// <summary>The site's holidays, by local day number (days since 1970-01-01 in site time).</summary>
    public interface IHolidayCalendar
    {
        bool IsHoliday(int localDayNumber);
    }
}

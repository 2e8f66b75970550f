namespace DoorController.Server.Services
{
    /// <summary>A weekly time window (Fig 3C): days as a bit mask (bit n = weekday n, Sunday = 0; 128 = holidays) and
    /// minutes since local midnight, start inclusive, end exclusive.</summary>
    public sealed record WindowInput(int DaysMask, int StartMinute, int EndMinute);
}

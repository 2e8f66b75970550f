namespace DoorController.Server.Services
{
    /// <summary>A weekly time window (Fig 3C): days as a bit mask (bit 0 = Monday ... bit 6 = Sunday) and
    /// minutes since local midnight, start inclusive, end exclusive.</summary>
    public sealed record WindowInput(int DaysMask, int StartMinute, int EndMinute);
}

namespace DoorController.Access
{
    /// <summary>
    /// Learned typical travel time between two readers (the patent's alternative to a fixed walking-speed
    /// threshold: the average time other users take for the same section).
    /// </summary>
    public interface ISegmentTimes
    {
        bool TryGetTypicalSeconds(int fromReaderId, int toReaderId, out int seconds);

        void Observe(int fromReaderId, int toReaderId, int seconds);
    }
}

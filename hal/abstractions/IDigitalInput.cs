namespace DoorController.Hal
{
    /// <summary>
    /// One input pin (door contact, request-to-exit button, Wiegand D0/D1) at its electrical level.
    /// Polled inputs use <see cref="Read"/>; timing-sensitive ones (Wiegand) also register an edge listener.
    /// </summary>
    public interface IDigitalInput
    {
        /// <summary>Current level, <c>true</c> = high.</summary>
        bool Read();

        /// <summary>
        /// Registers the one listener told about every edge (null removes it). Edges may arrive on another thread
        /// (the GPIO event thread on the device).
        /// </summary>
        void SetEdgeListener(IPinEdgeListener listener);
    }
}

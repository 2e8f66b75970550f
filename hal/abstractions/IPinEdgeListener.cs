namespace DoorController.Hal
{
    /// <summary>Receives level changes of an <see cref="IDigitalInput"/>.</summary>
    public interface IPinEdgeListener
    {
        /// <summary>
        /// The pin went to <paramref name="level"/> at <paramref name="timestampMicroseconds"/> (monotonic microseconds
        /// from the binding's own timer; only differences between timestamps of the same binding are meaningful).
        /// </summary>
        void OnPinEdge(bool level, long timestampMicroseconds);
    }
}

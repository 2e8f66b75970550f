using DoorController.Hal;

namespace DoorController.Controller
{
    /// <summary>An output that goes nowhere: stands in for a relay pin that could not be opened.</summary>
    public sealed class NoOutput : IDigitalOutput
    {
        public void Write(bool high)
        {
        }
    }
}

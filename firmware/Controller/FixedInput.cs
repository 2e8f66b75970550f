using DoorController.Hal;

namespace DoorController.Controller
{
    /// <summary>
    /// An input that always reads one level: stands in for a door contact that is not fitted (it reads "closed",
    /// so the door never looks forced or held open) or a pin that could not be opened.
    /// </summary>
    public sealed class FixedInput : IDigitalInput
    {
        private readonly bool _level;

        public FixedInput(bool level)
        {
            _level = level;
        }

        public bool Read()
        {
            return _level;
        }

        public void SetEdgeListener(IPinEdgeListener listener)
        {
        }
    }
}

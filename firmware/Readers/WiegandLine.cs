using DoorController.Hal;

namespace DoorController.Readers
{
    /// <summary>Forwards the edges of one Wiegand data line (D0 or D1) to the shared assembler.</summary>
    public sealed class WiegandLine : IPinEdgeListener
    {
        private readonly WiegandAssembler _assembler;
        private readonly int _line;
        private readonly bool _measureWidth;

        public WiegandLine(WiegandAssembler assembler, int line, bool measureWidth)
        {
            _assembler = assembler;
            _line = line;
            _measureWidth = measureWidth;
        }

        public void OnPinEdge(bool level, long timestampMicroseconds)
        {
            if (_measureWidth)
            {
                _assembler.OnEdge(_line, level, timestampMicroseconds);
            }
            else if (!level)
            {
                _assembler.OnPulse(_line, timestampMicroseconds, -1);
            }
        }
    }
}

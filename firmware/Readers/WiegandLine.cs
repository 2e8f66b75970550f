using DoorController.Hal;

namespace DoorController.Readers
{
    /// <summary>Forwards the edges of one Wiegand data line (D0 or D1) to the shared assembler.</summary>
    public sealed class WiegandLine : IPinEdgeListener
    {
        private readonly WiegandAssembler _assembler;
        private readonly int _line;

        public WiegandLine(WiegandAssembler assembler, int line)
        {
            _assembler = assembler;
            _line = line;
        }

        public void OnPinEdge(bool level, long timestampMicroseconds)
        {
            _assembler.OnEdge(_line, level, timestampMicroseconds);
        }
    }
}

using DoorController.Hal;

namespace DoorController.Readers
{
    /// <summary>
    /// A Wiegand reader on two GPIO inputs: edges go to the assembler (on the GPIO thread), complete frames go to the
    /// normaliser when the main loop calls <see cref="Poll"/>.
    /// </summary>
    public sealed class WiegandReader
    {
        private readonly int _readerId;
        private readonly IDigitalInput _d0;
        private readonly IDigitalInput _d1;
        private readonly WiegandAssembler _assembler;
        private readonly CredentialNormaliser _normaliser;

        public WiegandReader(int readerId, IDigitalInput d0, IDigitalInput d1, WiegandSettings settings, IClock clock,
            CredentialNormaliser normaliser)
        {
            _readerId = readerId;
            _d0 = d0;
            _d1 = d1;
            _assembler = new WiegandAssembler(settings != null ? settings : new WiegandSettings(), clock);
            _normaliser = normaliser;
        }

        public WiegandAssembler Assembler
        {
            get { return _assembler; }
        }

        public void Start()
        {
            _d0.SetEdgeListener(new WiegandLine(_assembler, 0));
            _d1.SetEdgeListener(new WiegandLine(_assembler, 1));
        }

        public void Stop()
        {
            _d0.SetEdgeListener(null);
            _d1.SetEdgeListener(null);
        }

        /// <summary>Delivers every frame completed since the last call. Returns how many.</summary>
        public int Poll()
        {
            int delivered = 0;
            WiegandFrame frame;
            while (_assembler.TryTakeFrame(out frame))
            {
                _normaliser.OnWiegandFrame(_readerId, frame);
                delivered++;
            }
            return delivered;
        }
    }
}

using DoorController.Hal;

namespace DoorController.Readers
{
    /// <summary>
    /// A Wiegand reader on two GPIO inputs, usable wherever an <see cref="ICredentialReader"/> is: edges go to the
    /// assembler on the GPIO thread, and each <see cref="Poll"/> from the main loop hands complete frames to the sink
    /// (which must also be an <see cref="IWiegandSink"/>, as <see cref="CredentialNormaliser"/> is).
    /// </summary>
    public sealed class WiegandReader : ICredentialReader
    {
        private readonly int _readerId;
        private readonly IDigitalInput _d0;
        private readonly IDigitalInput _d1;
        private readonly WiegandAssembler _assembler;
        private readonly bool _measureWidth;
        private IWiegandSink _sink;

        public WiegandReader(int readerId, IDigitalInput d0, IDigitalInput d1, WiegandSettings settings, IClock clock)
        {
            _readerId = readerId;
            _d0 = d0;
            _d1 = d1;
            WiegandSettings effective = settings != null ? settings : new WiegandSettings();
            _measureWidth = effective.MeasurePulseWidth;
            _assembler = new WiegandAssembler(effective, clock);
        }

        public WiegandAssembler Assembler
        {
            get { return _assembler; }
        }

        /// <summary>False if the pins are missing or <paramref name="sink"/> cannot take Wiegand frames.</summary>
        public bool Start(ICredentialSink sink)
        {
            IWiegandSink frames = sink as IWiegandSink;
            if (frames == null || _d0 == null || _d1 == null)
            {
                return false;
            }
            _sink = frames;
            _d0.SetEdgeListener(new WiegandLine(_assembler, 0, _measureWidth));
            _d1.SetEdgeListener(new WiegandLine(_assembler, 1, _measureWidth));
            return true;
        }

        public void Poll()
        {
            PollFrames();
        }

        /// <summary>Delivers every frame completed since the last call; returns how many.</summary>
        public int PollFrames()
        {
            IWiegandSink sink = _sink;
            if (sink == null)
            {
                return 0;
            }
            int delivered = 0;
            WiegandFrame frame;
            while (_assembler.TryTakeFrame(out frame))
            {
                sink.OnWiegandFrame(_readerId, frame);
                delivered++;
            }
            return delivered;
        }

        public void Stop()
        {
            _sink = null;
            if (_d0 != null) _d0.SetEdgeListener(null);
            if (_d1 != null) _d1.SetEdgeListener(null);
        }
    }
}

namespace DoorController.Readers
{
    /// <summary>
    /// Wiegand timing limits. The interface (SIA AC-01) pulses a line low for 20-100 us, at least 200 us apart,
    /// and a frame ends with silence; readers typically send a bit every 1-2 ms and leave 25 ms or more between frames.
    /// </summary>
    public sealed class WiegandSettings
    {
        /// <summary>Lows shorter than this are glitches (relay spikes, cable crosstalk) and are dropped.</summary>
        public int MinimumPulseMicroseconds = 10;

        /// <summary>Lows longer than this are not data pulses (a shorted or sagging line): the frame is noise.</summary>
        public int MaximumPulseMicroseconds = 1000;

        /// <summary>Two bits closer than this cannot come from a reader: the frame is noise.</summary>
        public int MinimumBitIntervalMicroseconds = 200;

        /// <summary>Silence that closes a frame.</summary>
        public int EndOfFrameMilliseconds = 25;

        /// <summary>
        /// True: bits are measured from falling to rising edge (width checks, both-lines-low check). False: every
        /// falling edge is a bit and rising edges are ignored, for platforms whose GPIO events can miss the rising
        /// edge of a 50 us pulse; spacing, length and parity checks still apply.
        /// </summary>
        public bool MeasurePulseWidth = true;

        /// <summary>Longest frame kept; longer is noise or an unsupported format.</summary>
        public const int MaximumBits = 64;
    }
}

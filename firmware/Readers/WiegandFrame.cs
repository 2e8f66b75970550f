namespace DoorController.Readers
{
    /// <summary>A raw Wiegand frame: <see cref="BitCount"/> bits, the first received in the most significant position.</summary>
    public struct WiegandFrame
    {
        public ulong Bits;
        public int BitCount;

        /// <summary>The assembler saw noise while collecting it (then the bits must not be trusted).</summary>
        public bool Noisy;

        public WiegandFrame(ulong bits, int bitCount, bool noisy)
        {
            Bits = bits;
            BitCount = bitCount;
            Noisy = noisy;
        }
    }
}

namespace DoorController.Journal
{
    /// <summary>
    /// CRC-16/CCITT-FALSE (polynomial 0x1021, initial 0xFFFF), computed bit by bit: no table on the managed heap. A
    /// compact journal record is short, and recovery reaches this only at a position whose marker and length already
    /// fit, so the loop costs little.
    /// </summary>
    public static class Crc16
    {
        public static ushort Compute(byte[] data, int offset, int count)
        {
            int crc = 0xFFFF;
            for (int i = offset; i < offset + count; i++)
            {
                crc ^= data[i] << 8;
                for (int bit = 0; bit < 8; bit++)
                {
                    crc = (crc & 0x8000) != 0 ? ((crc << 1) ^ 0x1021) & 0xFFFF : (crc << 1) & 0xFFFF;
                }
            }
            return (ushort)crc;
        }
    }
}

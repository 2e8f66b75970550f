namespace DoorController.Core
{
    /// <summary>
    /// CRC-32 (IEEE 802.3, reflected, polynomial 0xEDB88320) used to frame journal records, config files and
    /// bundle chunks. Driven by a 16-entry table (a nibble at a time): 84 bytes of heap where a byte-wise table holds
    /// 1,044 for the life of the controller, at two lookups per byte instead of one; built once, so a checksum
    /// allocates nothing.
    /// </summary>
    public static class Crc32
    {
        private const uint ReflectedPolynomial = 0xEDB88320;
        private static readonly uint[] Table = BuildTable();

        private static uint[] BuildTable()
        {
            uint[] table = new uint[16];
            for (uint i = 0; i < 16; i++)
            {
                uint c = i;
                for (int bit = 0; bit < 4; bit++)
                {
                    c = (c & 1) != 0 ? ReflectedPolynomial ^ (c >> 1) : c >> 1;
                }
                table[i] = c;
            }
            return table;
        }

        /// <summary>CRC of <paramref name="count"/> bytes of <paramref name="data"/> from <paramref name="offset"/>.</summary>
        public static uint Compute(byte[] data, int offset, int count)
        {
            return Finish(Update(Start(), data, offset, count));
        }

        public static uint Compute(byte[] data)
        {
            return Compute(data, 0, data.Length);
        }

        /// <summary>Streaming form: Start, Update over each piece, Finish.</summary>
        public static uint Start()
        {
            return 0xFFFFFFFF;
        }

        public static uint Update(uint state, byte[] data, int offset, int count)
        {
            int end = offset + count;
            for (int i = offset; i < end; i++)
            {
                state ^= data[i];
                state = Table[state & 0x0F] ^ (state >> 4);
                state = Table[state & 0x0F] ^ (state >> 4);
            }
            return state;
        }

        public static uint Finish(uint state)
        {
            return state ^ 0xFFFFFFFF;
        }
    }
}

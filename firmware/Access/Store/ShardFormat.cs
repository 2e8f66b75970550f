using DoorController.Core;

namespace DoorController.Access
{
    /// <summary>
    /// A sharded credential store on flash (docs/cache.md, "Sharded install"): the records split by the first bits of
    /// their keyed hash into 2^bits shard files, each replaced on its own (write a temporary file, close, rename), and
    /// one shared file (the store with no records: profiles, permission sets, site config) followed by the shard
    /// table. All integers little-endian.
    /// <code>
    /// shard file "csBNN.bin" (B: shard bits, NN: shard number, two hex digits), header 32 bytes, then its records (12 bytes each)
    ///   0 4 magic "DCH1"      12 4 tail CRC: CRC-32 of the profiles .. site config it was built with
    ///   4 1 shard number      16 4 CRC-32 of its records
    ///   5 1 shard bits        20 4 generation (bundle version that wrote it)
    ///   6 2 reserved          24 4 reserved
    ///   8 4 record count      28 4 CRC-32 of bytes 0..27
    /// shard table, after the shared store: bits (1), 3 reserved, then per shard its record count and records CRC (4 + 4)
    /// </code>
    /// A shard answers only beside the shared part whose tail CRC it names (the profiles and permission sets its
    /// records point into); the store is complete when every shard is the one the table lists.
    /// </summary>
    public static class ShardFormat
    {
        public const uint Magic = 0x31484344; // "DCH1" read little-endian
        public const int HeaderSize = 32;
        public const int MaxBits = 6;
        public const string TempName = "cs.tmp";

        private const int TailCrcOffset = 12;
        private const int RecordsCrcOffset = 16;
        private const int GenerationOffset = 20;
        private const int HeaderCrcOffset = 28;

        /// <summary>Prefix of every shard file's name.</summary>
        public const string NamePrefix = "cs";

        /// <summary>File name of shard <paramref name="shard"/> of a store of <paramref name="bits"/> bits: stores split
        /// differently (another board plan) never share a file name.</summary>
        public static string NameOf(int shard, int bits)
        {
            const string hex = "0123456789abcdef";
            return NamePrefix + hex[bits & 15] + hex[(shard >> 4) & 15] + hex[shard & 15] + ".bin";
        }

        /// <summary>The shard a hash (or record) starting at <paramref name="offset"/> belongs to.</summary>
        public static int ShardOf(byte[] hash, int offset, int bits)
        {
            return bits == 0 ? 0 : hash[offset] >> (8 - bits);
        }

        /// <summary>Smallest first-four-bytes prefix of a record in <paramref name="shard"/>.</summary>
        public static uint LowestPrefix(int shard, int bits)
        {
            return bits == 0 ? 0 : (uint)shard << (32 - bits);
        }

        /// <summary>Largest first-four-bytes prefix of a record in <paramref name="shard"/>.</summary>
        public static uint HighestPrefix(int shard, int bits)
        {
            return bits == 0 ? uint.MaxValue : LowestPrefix(shard, bits) | (uint.MaxValue >> bits);
        }

        public static int TableLength(int bits)
        {
            return 4 + 8 * (1 << bits);
        }

        public static void WriteHeader(byte[] h, int shard, int bits, int count, uint tailCrc, uint recordsCrc, uint generation)
        {
            for (int i = 0; i < HeaderSize; i++)
            {
                h[i] = 0;
            }
            LittleEndian.WriteUInt32(h, 0, Magic);
            h[4] = (byte)shard;
            h[5] = (byte)bits;
            LittleEndian.WriteInt32(h, 8, count);
            LittleEndian.WriteUInt32(h, TailCrcOffset, tailCrc);
            LittleEndian.WriteUInt32(h, RecordsCrcOffset, recordsCrc);
            LittleEndian.WriteUInt32(h, GenerationOffset, generation);
            LittleEndian.WriteUInt32(h, HeaderCrcOffset, Crc32.Compute(h, 0, HeaderCrcOffset));
        }

        /// <summary>True when <paramref name="h"/> is the header of shard <paramref name="shard"/> of a <paramref name="bits"/>-bit store.</summary>
        public static bool IsHeaderOf(byte[] h, int shard, int bits)
        {
            return LittleEndian.ReadUInt32(h, 0) == Magic && h[4] == shard && h[5] == bits && CountOf(h) >= 0
                && LittleEndian.ReadUInt32(h, HeaderCrcOffset) == Crc32.Compute(h, 0, HeaderCrcOffset);
        }

        public static int CountOf(byte[] h)
        {
            return LittleEndian.ReadInt32(h, 8);
        }

        public static uint TailCrcOf(byte[] h)
        {
            return LittleEndian.ReadUInt32(h, TailCrcOffset);
        }

        public static uint RecordsCrcOf(byte[] h)
        {
            return LittleEndian.ReadUInt32(h, RecordsCrcOffset);
        }

        public static uint GenerationOf(byte[] h)
        {
            return LittleEndian.ReadUInt32(h, GenerationOffset);
        }
    }
}

using DoorController.Core;

namespace DoorController.Contract
{
    /// <summary>
    /// Binary layout of one bundle chunk on dc/v1/dev/&lt;id&gt;/sync/chunk (little endian, docs/protocol.md):
    /// <code>
    ///  0  4  magic "DCB1"          16  4  base version (delta) or 0
    ///  4  1  kind (1 full, 2 delta) 20  4  total body length
    ///  5  1  content type           24  8  issued-at, Unix s
    ///  6  2  chunk index            32  4  max offline lifetime, s
    ///  8  2  chunk count            36 32  chain MAC
    /// 10  2  data length            68  n  data
    /// 12  4  version
    /// </code>
    /// Chain MAC = HMAC-SHA256(device key, previous chunk's chain MAC (zeros for chunk 0) || bytes 0..35 || data).
    /// Chaining authenticates each chunk and its position, and the last chunk's MAC authenticates the whole bundle,
    /// without ever holding the bundle in RAM (the device's HMAC is one-shot only).
    /// </summary>
    public static class BundleChunk
    {
        /// <summary>
        /// Largest chunk. Verifying one needs it twice on the controller's heap (the message, and the one-shot HMAC's
        /// input), so chunks stay small enough to keep that within the transient budget (docs/hardware.md).
        /// </summary>
        public const int MaxChunkBytes = 2048;
        public const int HeaderLength = 68;
        public const int MacOffset = 36;
        public const int MacLength = 32;
        public const int MaxDataBytes = MaxChunkBytes - HeaderLength;

        private const byte M0 = (byte)'D', M1 = (byte)'C', M2 = (byte)'B', M3 = (byte)'1';

        /// <summary>Reads a chunk's header; false (with a status) when it cannot be a chunk at all.</summary>
        public static BundleStatus TryReadHeader(byte[] chunk, BundleInfo info, out int index, out int dataLength)
        {
            index = 0;
            dataLength = 0;
            if (chunk == null || chunk.Length < HeaderLength)
            {
                return BundleStatus.Malformed;
            }
            if (chunk.Length > MaxChunkBytes)
            {
                return BundleStatus.Oversize;
            }
            if (chunk[0] != M0 || chunk[1] != M1 || chunk[2] != M2 || chunk[3] != M3)
            {
                return BundleStatus.Malformed;
            }
            int kind = chunk[4];
            if (kind != (int)BundleKind.Full && kind != (int)BundleKind.Delta)
            {
                return BundleStatus.Malformed;
            }
            info.Kind = (BundleKind)kind;
            info.ContentType = chunk[5];
            index = LittleEndian.ReadUInt16(chunk, 6);
            info.ChunkCount = LittleEndian.ReadUInt16(chunk, 8);
            dataLength = LittleEndian.ReadUInt16(chunk, 10);
            info.Version = LittleEndian.ReadUInt32(chunk, 12);
            info.BaseVersion = LittleEndian.ReadUInt32(chunk, 16);
            info.BodyLength = LittleEndian.ReadInt32(chunk, 20);
            info.IssuedAt = LittleEndian.ReadInt64(chunk, 24);
            info.MaxOfflineSeconds = LittleEndian.ReadInt32(chunk, 32);
            if (dataLength != chunk.Length - HeaderLength)
            {
                return BundleStatus.Truncated;
            }
            if (info.ChunkCount == 0 || index >= info.ChunkCount || info.BodyLength < 0 || info.MaxOfflineSeconds < 0)
            {
                return BundleStatus.Malformed;
            }
            return BundleStatus.Accepted;
        }

        /// <summary>Builds one signed chunk (server side, tests, bench). Returns the chunk; its chain MAC is at <see cref="MacOffset"/>.</summary>
        public static byte[] Build(byte[] key, BundleInfo info, int index, byte[] body, int offset, int count, byte[] previousMac)
        {
            byte[] chunk = new byte[HeaderLength + count];
            chunk[0] = M0; chunk[1] = M1; chunk[2] = M2; chunk[3] = M3;
            chunk[4] = (byte)info.Kind;
            chunk[5] = info.ContentType;
            LittleEndian.WriteUInt16(chunk, 6, (ushort)index);
            LittleEndian.WriteUInt16(chunk, 8, (ushort)info.ChunkCount);
            LittleEndian.WriteUInt16(chunk, 10, (ushort)count);
            LittleEndian.WriteUInt32(chunk, 12, info.Version);
            LittleEndian.WriteUInt32(chunk, 16, info.BaseVersion);
            LittleEndian.WriteInt32(chunk, 20, info.BodyLength);
            LittleEndian.WriteInt64(chunk, 24, info.IssuedAt);
            LittleEndian.WriteInt32(chunk, 32, info.MaxOfflineSeconds);
            System.Array.Copy(body, offset, chunk, HeaderLength, count);
            byte[] mac = ChainMac(key, previousMac, chunk);
            System.Array.Copy(mac, 0, chunk, MacOffset, MacLength);
            return chunk;
        }

        /// <summary>HMAC over previous MAC, the header without its MAC field, and the data.</summary>
        public static byte[] ChainMac(byte[] key, byte[] previousMac, byte[] chunk)
        {
            int dataLength = chunk.Length - HeaderLength;
            byte[] input = new byte[MacLength + MacOffset + dataLength];
            if (previousMac != null)
            {
                System.Array.Copy(previousMac, 0, input, 0, MacLength);
            }
            System.Array.Copy(chunk, 0, input, MacLength, MacOffset);
            System.Array.Copy(chunk, HeaderLength, input, MacLength + MacOffset, dataLength);
            return KeyedHash.Compute(key, input);
        }

        /// <summary>Splits a body into signed chunks of at most <see cref="MaxChunkBytes"/>; fills info.ChunkCount and BodyLength.</summary>
        public static byte[][] Split(byte[] key, BundleInfo info, byte[] body)
        {
            int count = body.Length == 0 ? 1 : (body.Length + MaxDataBytes - 1) / MaxDataBytes;
            info.ChunkCount = count;
            info.BodyLength = body.Length;
            byte[][] chunks = new byte[count][];
            byte[] previous = new byte[MacLength];
            for (int i = 0; i < count; i++)
            {
                int offset = i * MaxDataBytes;
                int n = body.Length - offset < MaxDataBytes ? body.Length - offset : MaxDataBytes;
                chunks[i] = Build(key, info, i, body, offset, n, previous);
                previous = new byte[MacLength];
                System.Array.Copy(chunks[i], MacOffset, previous, 0, MacLength);
            }
            return chunks;
        }
    }
}

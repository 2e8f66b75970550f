using System.Text;
using DoorController.Contract;

namespace DoorController.Tests.Link
{
    /// <summary>Builds signed bundles for tests (what the server does).</summary>
    public static class BundleTestKit
    {
        public static readonly byte[] Key = Encoding.UTF8.GetBytes("per-device-key-for-tests-0001");

        /// <summary>A body length that takes exactly three chunks.</summary>
        public const int ThreeChunks = 2 * BundleChunk.MaxDataBytes + 1000;

        public static BundleInfo Info(BundleKind kind, uint version, uint baseVersion, byte contentType)
        {
            BundleInfo info = new BundleInfo();
            info.Kind = kind;
            info.Version = version;
            info.BaseVersion = baseVersion;
            info.ContentType = contentType;
            info.IssuedAt = 1763700000;
            info.MaxOfflineSeconds = 7 * 24 * 3600;
            return info;
        }

        /// <summary>A body of <paramref name="length"/> bytes whose content depends on <paramref name="seed"/>.</summary>
        public static byte[] Body(int length, int seed)
        {
            byte[] body = new byte[length];
            for (int i = 0; i < length; i++)
            {
                body[i] = (byte)(i * 31 + seed);
            }
            return body;
        }

        public static byte[][] Full(uint version, byte[] body)
        {
            return BundleChunk.Split(Key, Info(BundleKind.Full, version, 0, 1), body);
        }

        public static byte[][] Delta(uint version, uint baseVersion, byte[] body, byte contentType)
        {
            return BundleChunk.Split(Key, Info(BundleKind.Delta, version, baseVersion, contentType), body);
        }
    }
}

using System.IO;
using DoorController.Core;
using DoorController.Hal;
using DoorController.Contract;

namespace DoorController.Link.Bundles
{
    /// <summary>
    /// The installed credential store file "cache.bin": a 32-byte header written by the link, then the body exactly as
    /// the server built it (opaque here; the access layer reads it from <see cref="BodyOffset"/>).
    /// <code>
    ///  0 4 magic "DCC1"   8 4 version       16 8 issued-at (Unix s)   28 4 CRC-32 of the body
    ///  4 1 format 1      12 4 body length   24 4 max offline s
    ///  5 1 content type   6 2 reserved
    /// </code>
    /// </summary>
    public static class CacheFile
    {
        public const string Name = "cache.bin";
        /// <summary>The new copy of a sharded cache's shared part, written by an in-place install (<see cref="IInPlaceInstall"/>).</summary>
        public const string SharedTempName = "cache.tmp";
        public const int BodyOffset = 32;
        private const int Format = 1;

        public static void WriteHeader(Stream stream, BundleInfo info, uint bodyCrc)
        {
            byte[] h = new byte[BodyOffset];
            h[0] = (byte)'D'; h[1] = (byte)'C'; h[2] = (byte)'C'; h[3] = (byte)'1';
            h[4] = Format;
            h[5] = info.ContentType;
            LittleEndian.WriteUInt32(h, 8, info.Version);
            LittleEndian.WriteInt32(h, 12, info.BodyLength);
            LittleEndian.WriteInt64(h, 16, info.IssuedAt);
            LittleEndian.WriteInt32(h, 24, info.MaxOfflineSeconds);
            LittleEndian.WriteUInt32(h, 28, bodyCrc);
            stream.Seek(0, SeekOrigin.Begin);
            stream.Write(h, 0, h.Length);
        }

        /// <summary>Reads and checks a cache file (header and body CRC). False when missing, short or corrupt.</summary>
        public static bool TryRead(IFileStore store, string name, out BundleInfo info)
        {
            info = null;
            try
            {
                if (!LinkFiles.Exists(store, name))
                {
                    return false;
                }
                Stream s = store.Open(name, false);
                try
                {
                    byte[] h = new byte[BodyOffset];
                    if (s.Read(h, 0, BodyOffset) != BodyOffset || h[0] != 'D' || h[1] != 'C' || h[2] != 'C' || h[3] != '1' || h[4] != Format)
                    {
                        return false;
                    }
                    BundleInfo i = new BundleInfo();
                    i.Kind = BundleKind.Full;
                    i.ContentType = h[5];
                    i.Version = LittleEndian.ReadUInt32(h, 8);
                    i.BodyLength = LittleEndian.ReadInt32(h, 12);
                    i.IssuedAt = LittleEndian.ReadInt64(h, 16);
                    i.MaxOfflineSeconds = LittleEndian.ReadInt32(h, 24);
                    uint crc = LittleEndian.ReadUInt32(h, 28);
                    if (i.BodyLength < 0 || s.Length != BodyOffset + i.BodyLength || BodyCrc(s, i.BodyLength) != crc)
                    {
                        return false;
                    }
                    info = i;
                    return true;
                }
                finally
                {
                    s.Close();
                }
            }
            catch (System.Exception)
            {
                return false;
            }
        }

        /// <summary>CRC-32 of <paramref name="length"/> body bytes read from <see cref="BodyOffset"/>.</summary>
        public static uint BodyCrc(Stream s, int length)
        {
            s.Seek(BodyOffset, SeekOrigin.Begin);
            byte[] buffer = new byte[1024];
            uint state = Crc32.Start();
            int left = length;
            while (left > 0)
            {
                int n = s.Read(buffer, 0, left < buffer.Length ? left : buffer.Length);
                if (n <= 0)
                {
                    break;
                }
                state = Crc32.Update(state, buffer, 0, n);
                left -= n;
            }
            return left == 0 ? Crc32.Finish(state) : ~Crc32.Finish(state);
        }
    }
}

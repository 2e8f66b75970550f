using System.IO;
using DoorController.Core;

namespace DoorController.Access
{
    /// <summary>
    /// A credential store encoded in memory (server side): the sorted 12-byte records and the "tail" that follows them
    /// in the file — profiles, permission set offsets and sets, site config (<see cref="CredentialStoreFormat"/>).
    /// <see cref="WriteTo"/> streams the file; the server keeps the image it last sent a controller to build the next
    /// delta from it (<c>CacheDelta</c>).
    /// </summary>
    public sealed class StoreImage
    {
        /// <summary>Bytes of the tail header a delta carries before the tail: profile count, set count, sets length, site length.</summary>
        public const int TailHeaderSize = 16;

        public StoreImage(byte[] records, byte[][] profiles, byte[][] sets, byte[] siteConfig)
        {
            Records = records;
            int setsLength = 4 * sets.Length;
            for (int i = 0; i < sets.Length; i++)
            {
                setsLength += sets[i].Length;
            }
            int siteLength = siteConfig == null ? 0 : siteConfig.Length;
            Layout = StoreLayout.Of(records.Length / CredentialStoreFormat.RecordSize, profiles.Length, sets.Length, setsLength, siteLength);
            Tail = new byte[profiles.Length * CredentialStoreFormat.ProfileSize + setsLength + siteLength];
            int at = 0;
            for (int i = 0; i < profiles.Length; i++)
            {
                System.Array.Copy(profiles[i], 0, Tail, at, CredentialStoreFormat.ProfileSize);
                at += CredentialStoreFormat.ProfileSize;
            }
            int offset = 0;
            for (int i = 0; i < sets.Length; i++)
            {
                LittleEndian.WriteInt32(Tail, at, offset);
                at += 4;
                offset += sets[i].Length;
            }
            for (int i = 0; i < sets.Length; i++)
            {
                System.Array.Copy(sets[i], 0, Tail, at, sets[i].Length);
                at += sets[i].Length;
            }
            if (siteLength > 0)
            {
                System.Array.Copy(siteConfig, 0, Tail, at, siteLength);
            }
        }

        /// <summary>N records of <see cref="CredentialStoreFormat.RecordSize"/> bytes, sorted.</summary>
        public byte[] Records { get; private set; }

        /// <summary>Profiles, permission set offsets, sets and site config, as they follow the records in the file.</summary>
        public byte[] Tail { get; private set; }

        public StoreLayout Layout { get; private set; }

        public int Count
        {
            get { return Layout.Records; }
        }

        /// <summary>Bytes of the store file.</summary>
        public long Length
        {
            get { return Layout.End; }
        }

        /// <summary>Writes the whole store (header, records, tail) from the stream's current position.</summary>
        public void WriteTo(Stream output, uint generation)
        {
            byte[] header = new byte[CredentialStoreFormat.HeaderSize];
            CredentialStoreFormat.WriteHeader(header, Layout, generation, Crc32.Compute(Records), Crc32.Compute(Tail));
            output.Write(header, 0, header.Length);
            output.Write(Records, 0, Records.Length);
            output.Write(Tail, 0, Tail.Length);
        }

        /// <summary>The profiles, one array each (the builder keeps their numbers in the next image).</summary>
        public byte[][] ProfileTable()
        {
            byte[][] table = new byte[Layout.Profiles][];
            for (int i = 0; i < table.Length; i++)
            {
                table[i] = new byte[CredentialStoreFormat.ProfileSize];
                System.Array.Copy(Tail, i * CredentialStoreFormat.ProfileSize, table[i], 0, CredentialStoreFormat.ProfileSize);
            }
            return table;
        }

        /// <summary>The permission sets, one array each.</summary>
        public byte[][] SetTable()
        {
            int offsets = Layout.Profiles * CredentialStoreFormat.ProfileSize;
            int data = offsets + 4 * Layout.Sets;
            int end = offsets + Layout.SetsLength;
            byte[][] table = new byte[Layout.Sets][];
            for (int i = 0; i < table.Length; i++)
            {
                int from = data + LittleEndian.ReadInt32(Tail, offsets + 4 * i);
                int to = i + 1 < table.Length ? data + LittleEndian.ReadInt32(Tail, offsets + 4 * (i + 1)) : end;
                table[i] = new byte[to - from];
                System.Array.Copy(Tail, from, table[i], 0, to - from);
            }
            return table;
        }

        /// <summary>The tail header a delta carries: profile count, set count, sets length, site length.</summary>
        public byte[] TailHeader()
        {
            byte[] h = new byte[TailHeaderSize];
            LittleEndian.WriteInt32(h, 0, Layout.Profiles);
            LittleEndian.WriteInt32(h, 4, Layout.Sets);
            LittleEndian.WriteInt32(h, 8, Layout.SetsLength);
            LittleEndian.WriteInt32(h, 12, Layout.SiteLength);
            return h;
        }
    }
}

using System;
using System.IO;
using DoorController.Access;
using DoorController.Core;

namespace DoorController.Contract
{
    /// <summary>
    /// A delta bundle body: what changed in one controller's credential store since a base version — records removed
    /// (by their kept hash bytes) and records added or replaced, and, when profiles, permission sets or site config
    /// changed, the store's whole new tail (<see cref="StoreImage"/>). Merged on the controller into a complete new
    /// body while both inputs stream from flash with buffers of a few hundred bytes, so neither a 100,000-credential
    /// store nor a large delta has to fit in RAM. All integers little-endian.
    /// <code>
    ///  0 4 magic "DCD2"   8 4 removed count R     16 4 tail length T (0 = keep the installed tail)
    ///  4 2 format 2      12 4 upserted count U    20 4 new generation
    ///  6 2 reserved      24 … R x 7 kept hash bytes, then U x 12-byte records, both sorted, then T bytes:
    ///                         profile count, set count, sets length, site length (4 x 4), then the tail itself
    /// </code>
    /// </summary>
    public static class CacheDelta
    {
        public const int HeaderSize = 24;
        private const int Format = 2;
        public const int KeySize = CredentialStoreFormat.HashBytes;
        private const int RecordSize = CredentialStoreFormat.RecordSize;
        private const int BufferRecords = 64;

        /// <summary>
        /// Writes the delta from <paramref name="installed"/> (what the controller holds) to <paramref name="current"/>
        /// (server side); returns the number of records removed or upserted.
        /// </summary>
        public static int Write(Stream output, StoreImage installed, StoreImage current, uint generation)
        {
            MemoryStream removed = new MemoryStream();
            MemoryStream upserts = new MemoryStream();
            byte[] a = installed.Records;
            byte[] b = current.Records;
            int i = 0, j = 0, nr = 0, nu = 0;
            while (i < installed.Count || j < current.Count)
            {
                int order = i == installed.Count ? 1 : j == current.Count ? -1
                    : HashOrder.ComparePrefix(a, i * RecordSize, b, j * RecordSize, KeySize);
                if (order < 0)
                {
                    removed.Write(a, i++ * RecordSize, KeySize);
                    nr++;
                }
                else if (order > 0 || !Same(a, i * RecordSize, b, j * RecordSize, RecordSize))
                {
                    upserts.Write(b, j++ * RecordSize, RecordSize);
                    nu++;
                    if (order == 0) i++;
                }
                else
                {
                    i++;
                    j++;
                }
            }
            bool sameTail = installed.Tail.Length == current.Tail.Length && Same(installed.Tail, 0, current.Tail, 0, current.Tail.Length)
                && Same(installed.TailHeader(), 0, current.TailHeader(), 0, StoreImage.TailHeaderSize);
            byte[] head = new byte[HeaderSize];
            head[0] = (byte)'D'; head[1] = (byte)'C'; head[2] = (byte)'D'; head[3] = (byte)'2';
            LittleEndian.WriteUInt16(head, 4, Format);
            LittleEndian.WriteInt32(head, 8, nr);
            LittleEndian.WriteInt32(head, 12, nu);
            LittleEndian.WriteInt32(head, 16, sameTail ? 0 : StoreImage.TailHeaderSize + current.Tail.Length);
            LittleEndian.WriteUInt32(head, 20, generation);
            output.Write(head, 0, head.Length);
            removed.WriteTo(output);
            upserts.WriteTo(output);
            if (!sameTail)
            {
                output.Write(current.TailHeader(), 0, StoreImage.TailHeaderSize);
                output.Write(current.Tail, 0, current.Tail.Length);
            }
            return nr + nu;
        }

        /// <summary>
        /// Writes installed body + delta as a new complete body into <paramref name="output"/>. Both input streams
        /// are positioned at their first body byte. False (nothing usable written) when either input is malformed,
        /// out of order or truncated; the installed cache then stays.
        /// </summary>
        public static bool TryApply(Stream installedBody, int installedLength, Stream delta, int deltaLength, byte contentType, Stream output)
        {
            try
            {
                return Apply(installedBody, installedLength, delta, deltaLength, output);
            }
            catch (Exception)
            {
                return false;
            }
        }

        /// <summary>
        /// Reads the header of a delta whose body (<paramref name="deltaLength"/> bytes) starts at the stream's position:
        /// false when it is not a format-2 delta or its counts disagree with its length.
        /// </summary>
        public static bool TryReadHeader(Stream delta, int deltaLength, out int removedCount, out int upsertCount, out int tailLength, out uint generation)
        {
            byte[] head = new byte[HeaderSize];
            removedCount = upsertCount = tailLength = 0;
            generation = 0;
            if (deltaLength < HeaderSize || !StreamReads.ReadExactly(delta, head, 0, HeaderSize) || head[0] != 'D' || head[1] != 'C'
                || head[2] != 'D' || head[3] != '2' || LittleEndian.ReadUInt16(head, 4) != Format)
            {
                return false;
            }
            removedCount = LittleEndian.ReadInt32(head, 8);
            upsertCount = LittleEndian.ReadInt32(head, 12);
            tailLength = LittleEndian.ReadInt32(head, 16);
            generation = LittleEndian.ReadUInt32(head, 20);
            return removedCount >= 0 && upsertCount >= 0 && (tailLength == 0 || tailLength >= StoreImage.TailHeaderSize)
                && (long)HeaderSize + (long)removedCount * KeySize + (long)upsertCount * RecordSize + tailLength == deltaLength;
        }

        private static bool Apply(Stream installed, int installedLength, Stream delta, int deltaLength, Stream output)
        {
            long installedStart = installed.Position;
            long deltaStart = delta.Position;
            int removedCount, upsertCount, tailLength;
            uint generation;
            if (!TryReadHeader(delta, deltaLength, out removedCount, out upsertCount, out tailLength, out generation))
            {
                return false;
            }

            // The installed body: CacheBody head (sealed secrets, copied unchanged), then the store.
            byte[] bodyHead = new byte[CacheBody.StoreOffset];
            byte[] header = new byte[CredentialStoreFormat.HeaderSize];
            StoreLayout old = new StoreLayout();
            if (installedLength < bodyHead.Length + header.Length || !StreamReads.ReadExactly(installed, bodyHead, 0, bodyHead.Length)
                || !StreamReads.ReadExactly(installed, header, 0, header.Length) || !CredentialStoreFormat.TryReadHeader(header, old)
                || CacheBody.StoreOffset + old.End > installedLength)
            {
                return false;
            }
            StoreLayout next = old;
            long tailAt = installedStart + CacheBody.StoreOffset + old.ProfilesOffset;
            Stream tailSource = installed;
            int tailBytes = (int)(old.End - old.ProfilesOffset);
            if (tailLength > 0)
            {
                byte[] tailHeader = new byte[StoreImage.TailHeaderSize];
                delta.Seek(deltaStart + deltaLength - tailLength, SeekOrigin.Begin);
                if (!StreamReads.ReadExactly(delta, tailHeader, 0, tailHeader.Length))
                {
                    return false;
                }
                tailSource = delta;
                tailAt = delta.Position;
                tailBytes = tailLength - StoreImage.TailHeaderSize;
                next = StoreLayout.Of(0, LittleEndian.ReadInt32(tailHeader, 0), LittleEndian.ReadInt32(tailHeader, 4),
                    LittleEndian.ReadInt32(tailHeader, 8), LittleEndian.ReadInt32(tailHeader, 12));
            }

            output.Write(bodyHead, 0, bodyHead.Length);
            long storeStart = output.Position;
            output.Write(header, 0, header.Length); // placeholder, rewritten below
            DeltaCursor removals = new DeltaCursor(delta, deltaStart + HeaderSize, removedCount, KeySize);
            DeltaCursor upserts = new DeltaCursor(delta, deltaStart + HeaderSize + (long)removedCount * KeySize, upsertCount, RecordSize);
            installed.Seek(installedStart + CacheBody.StoreOffset + CredentialStoreFormat.HeaderSize, SeekOrigin.Begin);
            RecordMerge merge = new RecordMerge(installed, old.Records, removals, upserts, output, BufferRecords);
            if (!merge.Run())
            {
                return false;
            }
            StoreLayout layout = StoreLayout.Of(merge.Count, next.Profiles, next.Sets, next.SetsLength, next.SiteLength);
            if (!layout.IsConsistent() || layout.End - layout.ProfilesOffset != tailBytes)
            {
                return false;
            }
            uint tailCrc;
            if (!Copy(tailSource, tailAt, tailBytes, output, out tailCrc))
            {
                return false;
            }
            long end = output.Position;
            CredentialStoreFormat.WriteHeader(header, layout, generation, merge.Crc, tailCrc);
            output.Seek(storeStart, SeekOrigin.Begin);
            output.Write(header, 0, header.Length);
            output.Seek(end, SeekOrigin.Begin);
            return true;
        }

        private static bool Copy(Stream from, long position, int length, Stream to, out uint crc)
        {
            byte[] buffer = new byte[BufferRecords * RecordSize];
            crc = Crc32.Start();
            from.Seek(position, SeekOrigin.Begin);
            while (length > 0)
            {
                int n = length < buffer.Length ? length : buffer.Length;
                if (!StreamReads.ReadExactly(from, buffer, 0, n))
                {
                    return false;
                }
                to.Write(buffer, 0, n);
                crc = Crc32.Update(crc, buffer, 0, n);
                length -= n;
            }
            crc = Crc32.Finish(crc);
            return true;
        }

        private static bool Same(byte[] a, int aOffset, byte[] b, int bOffset, int count)
        {
            for (int i = 0; i < count; i++)
            {
                if (a[aOffset + i] != b[bOffset + i])
                {
                    return false;
                }
            }
            return true;
        }
    }
}

using System;
using System.IO;
using DoorController.Access;
using DoorController.Core;

namespace DoorController.Contract
{
    /// <summary>
    /// A delta bundle body: what changed in one controller's cache since a base version — credentials removed
    /// (by hash) and added or replaced (whole records), and optionally a new site section. Merged on the
    /// controller into a complete new body, streaming record by record, so a 50,000-credential store never has
    /// to fit in RAM. All integers little-endian.
    /// <code>
    ///  0 4 magic "DCD1"   8 4 removed count R     16 4 site section length S (0 = keep the installed one)
    ///  4 2 format 1      12 4 upserted count U    20 4 new generation
    ///  6 2 reserved      24 … R × 16-byte hashes, then U × 32-byte records, both sorted by hash, then S bytes
    /// </code>
    /// </summary>
    public static class CacheDelta
    {
        public const int HeaderSize = 24;
        private const int HashSize = CredentialHasher.HashLength;
        private const int RecordSize = CredentialStoreFormat.RecordSize;

        /// <summary>Writes a delta body (server side). Hashes and records must be sorted and not repeat.</summary>
        public static void Write(Stream output, byte[][] removedHashes, CredentialInfo[] upserts, byte[] siteSection, uint generation)
        {
            byte[] head = new byte[HeaderSize];
            head[0] = (byte)'D'; head[1] = (byte)'C'; head[2] = (byte)'D'; head[3] = (byte)'1';
            LittleEndian.WriteUInt16(head, 4, 1);
            LittleEndian.WriteInt32(head, 8, removedHashes.Length);
            LittleEndian.WriteInt32(head, 12, upserts.Length);
            LittleEndian.WriteInt32(head, 16, siteSection == null ? 0 : siteSection.Length);
            LittleEndian.WriteUInt32(head, 20, generation);
            output.Write(head, 0, head.Length);
            for (int i = 0; i < removedHashes.Length; i++)
            {
                output.Write(removedHashes[i], 0, HashSize);
            }
            byte[] record = new byte[RecordSize];
            for (int i = 0; i < upserts.Length; i++)
            {
                if (!CredentialStoreFormat.TryEncode(upserts[i], record, 0))
                {
                    throw new ArgumentException("credential " + i + " does not fit the store format", "upserts");
                }
                output.Write(record, 0, RecordSize);
            }
            if (siteSection != null)
            {
                output.Write(siteSection, 0, siteSection.Length);
            }
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

        private static bool Apply(Stream installed, int installedLength, Stream delta, int deltaLength, Stream output)
        {
            long installedStart = installed.Position;
            byte[] head = new byte[HeaderSize];
            if (deltaLength < HeaderSize || !StreamReads.ReadExactly(delta, head, 0, HeaderSize) || head[0] != 'D' || head[1] != 'C' || head[2] != 'D' || head[3] != '1'
                || LittleEndian.ReadUInt16(head, 4) != 1)
            {
                return false;
            }
            int removedCount = LittleEndian.ReadInt32(head, 8), upsertCount = LittleEndian.ReadInt32(head, 12);
            int siteLength = LittleEndian.ReadInt32(head, 16);
            uint generation = LittleEndian.ReadUInt32(head, 20);
            if (removedCount < 0 || upsertCount < 0 || siteLength < 0
                || (long)HeaderSize + (long)removedCount * HashSize + (long)upsertCount * RecordSize + siteLength != deltaLength)
            {
                return false;
            }
            byte[] removed = new byte[removedCount * HashSize];
            byte[] upserts = new byte[upsertCount * RecordSize];
            byte[] site = new byte[siteLength];
            if (!StreamReads.ReadExactly(delta, removed, 0, removed.Length) || !StreamReads.ReadExactly(delta, upserts, 0, upserts.Length) || !StreamReads.ReadExactly(delta, site, 0, siteLength)
                || !Sorted(removed, HashSize) || !Sorted(upserts, RecordSize))
            {
                return false;
            }

            // The installed body: CacheBody head (sealed secrets, copied unchanged), then the store.
            byte[] bodyHead = new byte[CacheBody.StoreOffset];
            byte[] storeHeader = new byte[CredentialStoreFormat.HeaderSize];
            if (installedLength < bodyHead.Length + storeHeader.Length || !StreamReads.ReadExactly(installed, bodyHead, 0, bodyHead.Length)
                || !StreamReads.ReadExactly(installed, storeHeader, 0, storeHeader.Length) || LittleEndian.ReadUInt32(storeHeader, 0) != CredentialStoreFormat.Magic)
            {
                return false;
            }
            int oldCount = LittleEndian.ReadInt32(storeHeader, 8);
            int oldSiteOffset = LittleEndian.ReadInt32(storeHeader, 28), oldSiteLength = LittleEndian.ReadInt32(storeHeader, 32);
            if (siteLength == 0 && oldSiteLength > 0)
            {
                site = new byte[oldSiteLength];
                long position = installed.Position;
                installed.Seek(installedStart + CacheBody.StoreOffset + oldSiteOffset, SeekOrigin.Begin);
                if (!StreamReads.ReadExactly(installed, site, 0, oldSiteLength))
                {
                    return false;
                }
                installed.Seek(position, SeekOrigin.Begin);
            }

            output.Write(bodyHead, 0, bodyHead.Length);
            long storeStart = output.Position;
            output.Write(new byte[CredentialStoreFormat.HeaderSize], 0, CredentialStoreFormat.HeaderSize);
            int count;
            uint recordsCrc;
            if (!Merge(installed, oldCount, removed, upserts, output, out count, out recordsCrc))
            {
                return false;
            }
            int siteOffset = site.Length == 0 ? 0 : CredentialStoreFormat.HeaderSize + count * RecordSize;
            output.Write(site, 0, site.Length);
            long end = output.Position;
            byte[] header = new byte[CredentialStoreFormat.HeaderSize];
            CredentialStoreFormat.WriteHeader(header, count, generation, recordsCrc, siteOffset, site.Length, site.Length == 0 ? 0 : Crc32.Compute(site));
            output.Seek(storeStart, SeekOrigin.Begin);
            output.Write(header, 0, header.Length);
            output.Seek(end, SeekOrigin.Begin);
            return true;
        }

        /// <summary>Merges the sorted installed records with the sorted removals and upserts into the output.</summary>
        private static bool Merge(Stream installed, int oldCount, byte[] removed, byte[] upserts, Stream output, out int count, out uint crc)
        {
            count = 0;
            crc = Crc32.Start();
            byte[] record = new byte[RecordSize];
            byte[] previous = null;
            int r = 0, u = 0;
            int removedCount = removed.Length / HashSize, upsertCount = upserts.Length / RecordSize;
            for (int i = 0; i < oldCount; i++)
            {
                if (!StreamReads.ReadExactly(installed, record, 0, RecordSize))
                {
                    return false;
                }
                while (u < upsertCount && HashOrder.Compare(upserts, u * RecordSize, record, 0) < 0)
                {
                    Emit(output, upserts, u++ * RecordSize, ref count, ref crc);
                }
                while (r < removedCount && HashOrder.Compare(removed, r * HashSize, record, 0) < 0)
                {
                    r++;
                }
                if (u < upsertCount && HashOrder.Compare(upserts, u * RecordSize, record, 0) == 0)
                {
                    Emit(output, upserts, u++ * RecordSize, ref count, ref crc);
                }
                else if (!(r < removedCount && HashOrder.Compare(removed, r * HashSize, record, 0) == 0))
                {
                    if (previous != null && HashOrder.Compare(previous, 0, record, 0) >= 0)
                    {
                        return false; // installed store out of order: refuse rather than write a bad one
                    }
                    Emit(output, record, 0, ref count, ref crc);
                }
                previous = previous ?? new byte[RecordSize];
                Array.Copy(record, previous, RecordSize);
            }
            while (u < upsertCount)
            {
                Emit(output, upserts, u++ * RecordSize, ref count, ref crc);
            }
            crc = Crc32.Finish(crc);
            return true;
        }

        private static void Emit(Stream output, byte[] buffer, int offset, ref int count, ref uint crc)
        {
            output.Write(buffer, offset, RecordSize);
            crc = Crc32.Update(crc, buffer, offset, RecordSize);
            count++;
        }

        private static bool Sorted(byte[] items, int size)
        {
            for (int i = size; i < items.Length; i += size)
            {
                if (HashOrder.Compare(items, i - size, items, i) >= 0)
                {
                    return false;
                }
            }
            return true;
        }
    }
}

using System.IO;
using DoorController.Core;
using DoorController.Hal;

namespace DoorController.Access
{
    /// <summary>
    /// Writes a credential store file (<see cref="CredentialStoreFormat"/>) from an in-memory directory, with an
    /// optional site section (<see cref="SiteCacheWriter"/>) after the records. Used by the server when it builds
    /// a cache bundle, and by tests and the benchmark. Streams the records, so memory stays flat.
    /// </summary>
    public static class CredentialStoreBuilder
    {
        /// <summary>
        /// Writes the store to <paramref name="output"/> (seekable; written from its current position).
        /// False with <paramref name="error"/> for duplicate hashes or fields that do not fit the format.
        /// </summary>
        public static bool Write(Stream output, InMemoryCredentialDirectory credentials, byte[] siteSection, uint generation, out string error)
        {
            error = null;
            long start = output.Position;
            byte[] header = new byte[CredentialStoreFormat.HeaderSize];
            output.Write(header, 0, header.Length); // placeholder, rewritten at the end

            const int RecordsPerChunk = 128;
            byte[] chunk = new byte[RecordsPerChunk * CredentialStoreFormat.RecordSize];
            int count = credentials.Count;
            uint crc = Crc32.Start();
            int inChunk = 0;
            for (int i = 0; i < count; i++)
            {
                CredentialInfo info = credentials.At(i);
                if (i > 0 && HashOrder.Compare(credentials.At(i - 1).Hash, 0, info.Hash, 0) == 0)
                {
                    error = "duplicate credential hash at sorted position " + i;
                    return false;
                }
                if (!CredentialStoreFormat.TryEncode(info, chunk, inChunk * CredentialStoreFormat.RecordSize))
                {
                    error = "credential of user " + info.UserId + " does not fit the store format (validity, uses, flags or method)";
                    return false;
                }
                inChunk++;
                if (inChunk == RecordsPerChunk || i == count - 1)
                {
                    int bytes = inChunk * CredentialStoreFormat.RecordSize;
                    crc = Crc32.Update(crc, chunk, 0, bytes);
                    output.Write(chunk, 0, bytes);
                    inChunk = 0;
                }
            }
            int siteOffset = 0;
            int siteLength = 0;
            uint siteCrc = 0;
            if (siteSection != null && siteSection.Length > 0)
            {
                siteOffset = CredentialStoreFormat.HeaderSize + count * CredentialStoreFormat.RecordSize;
                siteLength = siteSection.Length;
                siteCrc = Crc32.Compute(siteSection);
                output.Write(siteSection, 0, siteSection.Length);
            }
            long end = output.Position;
            CredentialStoreFormat.WriteHeader(header, count, generation, Crc32.Finish(crc), siteOffset, siteLength, siteCrc);
            output.Seek(start, SeekOrigin.Begin);
            output.Write(header, 0, header.Length);
            output.Seek(end, SeekOrigin.Begin);
            output.Flush();
            return true;
        }

        /// <summary>Writes to a temporary file and atomically replaces <paramref name="name"/> (never half a store).</summary>
        public static bool WriteFile(IFileStore store, string name, InMemoryCredentialDirectory credentials, byte[] siteSection, uint generation, out string error)
        {
            string temp = name + ".new";
            Stream s = store.Open(temp, true);
            bool ok;
            try
            {
                s.SetLength(0);
                ok = Write(s, credentials, siteSection, generation, out error);
            }
            finally
            {
                s.Close();
            }
            if (!ok)
            {
                store.Delete(temp);
                return false;
            }
            store.Replace(temp, name);
            return true;
        }
    }
}

using System;
using System.IO;
using DoorController.Access;
using DoorController.Contract;
using DoorController.Core;
using DoorController.Hal;
using DoorController.Link.Bundles;

namespace DoorController.Controller
{
    /// <summary>
    /// Writes the new copy of a sharded cache's shared file (<see cref="CacheFile.SharedTempName"/>): the link's cache
    /// header, the body's head (sealed site secrets), a store header with no records, the store's tail (profiles,
    /// permission sets, site config) and the shard table (<see cref="ShardFormat"/>). The link renames it over
    /// <see cref="CacheFile.Name"/> once every shard is in place.
    /// </summary>
    public sealed class SharedFileWriter
    {
        private readonly IFileStore _files;
        private Stream _stream;
        private uint _crc;

        public SharedFileWriter(IFileStore files)
        {
            _files = files;
        }

        /// <summary>Starts the copy: header placeholder, <paramref name="bodyHead"/>, the store header for a tail laid out as <paramref name="tail"/>.</summary>
        public void Open(byte[] bodyHead, StoreLayout tail, uint generation, uint tailCrc)
        {
            StoreLayout layout = StoreLayout.Of(0, tail.Profiles, tail.Sets, tail.SetsLength, tail.SiteLength);
            byte[] store = new byte[CredentialStoreFormat.HeaderSize];
            CredentialStoreFormat.WriteHeader(store, layout, generation, Crc32.Finish(Crc32.Start()), tailCrc);
            _stream = _files.Open(CacheFile.SharedTempName, true);
            _stream.SetLength(0);
            _stream.Write(new byte[CacheFile.BodyOffset], 0, CacheFile.BodyOffset);
            _crc = Crc32.Start();
            Write(bodyHead, 0, bodyHead.Length);
            Write(store, 0, store.Length);
        }

        /// <summary>Appends tail bytes.</summary>
        public void Write(byte[] data, int offset, int count)
        {
            _stream.Write(data, offset, count);
            _crc = Crc32.Update(_crc, data, offset, count);
        }

        /// <summary>Appends <paramref name="length"/> tail bytes read from <paramref name="at"/> of <paramref name="from"/>.</summary>
        public void Copy(Stream from, long at, long length)
        {
            byte[] buffer = new byte[RecordSearch.BlockRecords * CredentialStoreFormat.RecordSize];
            while (length > 0)
            {
                from.Seek(at, SeekOrigin.Begin);
                int n = length < buffer.Length ? (int)length : buffer.Length;
                if (!StreamReads.ReadExactly(from, buffer, 0, n))
                {
                    throw new IOException("tail ends early");
                }
                Write(buffer, 0, n);
                at += n;
                length -= n;
            }
        }

        /// <summary>Appends the shard table (<paramref name="listing"/>: count and records CRC per shard), writes the link header and closes: durable.</summary>
        public void Close(BundleInfo bundle, int bits, byte[] listing)
        {
            byte[] head = new byte[4];
            head[0] = (byte)bits;
            Write(head, 0, head.Length);
            Write(listing, 0, listing.Length);
            CacheFile.WriteHeader(_stream, bundle.InstalledAs((int)(_stream.Length - CacheFile.BodyOffset)), Crc32.Finish(_crc));
            _stream.Close();
            _stream = null;
        }

        /// <summary>Drops the copy being written.</summary>
        public void Abort()
        {
            try
            {
                if (_stream != null)
                {
                    _stream.Close();
                }
                if (_files.List(CacheFile.SharedTempName).Length > 0)
                {
                    _files.Delete(CacheFile.SharedTempName);
                }
            }
            catch (Exception)
            {
            }
            _stream = null;
        }
    }
}

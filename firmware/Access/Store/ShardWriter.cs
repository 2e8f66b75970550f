using System;
using System.IO;
using DoorController.Core;
using DoorController.Hal;

namespace DoorController.Access
{
    /// <summary>
    /// Writes one shard of a sharded store (<see cref="ShardFormat"/>) into <see cref="ShardFormat.TempName"/> and puts
    /// it in place: records appended in order (or written by a merge straight into <see cref="Output"/>), the header,
    /// close (LittleFS makes a file durable only when it is closed), a read-back of the closed file, then one atomic
    /// rename over the shard. A cut at any point leaves the shard's old file or its new one, whole. Throws on a storage
    /// failure or records out of order or outside the shard; the installed shard then stays.
    /// </summary>
    public sealed class ShardWriter
    {
        private const int Size = CredentialStoreFormat.RecordSize;
        private const int BufferRecords = 32;

        private readonly IFileStore _files;
        private readonly byte[] _buffer = new byte[BufferRecords * Size];
        private readonly byte[] _header = new byte[ShardFormat.HeaderSize];
        private readonly byte[] _previous = new byte[CredentialStoreFormat.HashBytes];
        private Stream _temp;
        private int _shard;
        private int _bits;
        private int _buffered;
        private int _count;
        private uint _crc;

        public ShardWriter(IFileStore files)
        {
            _files = files;
        }

        /// <summary>The temporary shard file, positioned after its header: where a merge writes its records.</summary>
        public Stream Output
        {
            get { return _temp; }
        }

        /// <summary>Shard being written, or -1.</summary>
        public int Shard
        {
            get { return _temp == null ? -1 : _shard; }
        }

        public void Begin(int shard, int bits)
        {
            Abort();
            _temp = _files.Open(ShardFormat.TempName, true);
            _temp.SetLength(0);
            for (int i = 0; i < _header.Length; i++)
            {
                _header[i] = 0;
            }
            _temp.Write(_header, 0, _header.Length); // placeholder, written at the end
            _shard = shard;
            _bits = bits;
            _buffered = 0;
            _count = 0;
            _crc = Crc32.Start();
        }

        /// <summary>Appends the record at <paramref name="offset"/>: it must sort after the previous one and belong to this shard.</summary>
        public void Add(byte[] record, int offset)
        {
            if (ShardFormat.ShardOf(record, offset, _bits) != _shard
                || (_count > 0 && HashOrder.ComparePrefix(_previous, 0, record, offset, CredentialStoreFormat.HashBytes) >= 0))
            {
                throw new IOException("record out of order or outside shard " + _shard);
            }
            Array.Copy(record, offset, _previous, 0, CredentialStoreFormat.HashBytes);
            Array.Copy(record, offset, _buffer, _buffered * Size, Size);
            _crc = Crc32.Update(_crc, record, offset, Size);
            _count++;
            if (++_buffered == BufferRecords)
            {
                FlushBuffer();
            }
        }

        /// <summary>
        /// Finishes the shard with the records added (or, after a merge into <see cref="Output"/>, with
        /// <paramref name="mergedCount"/> and <paramref name="mergedCrc"/>; pass -1 to use the added ones), closes
        /// and reads it back; then, unless <paramref name="directory"/>'s shard is already exactly this one, releases
        /// that shard, renames the file over it and reloads it. Returns the shard's record count and records CRC in
        /// <paramref name="listing"/> (two entries of the shard table).
        /// </summary>
        public void Commit(int mergedCount, uint mergedCrc, uint tailCrc, uint generation, ShardedCredentialDirectory directory, byte[] listing)
        {
            FlushBuffer();
            int count = mergedCount < 0 ? _count : mergedCount;
            uint crc = mergedCount < 0 ? Crc32.Finish(_crc) : mergedCrc;
            ShardFormat.WriteHeader(_header, _shard, _bits, count, tailCrc, crc, generation);
            _temp.Seek(0, SeekOrigin.Begin);
            _temp.Write(_header, 0, _header.Length);
            _temp.Close();
            _temp = null;
            LittleEndian.WriteInt32(listing, 0, count);
            LittleEndian.WriteUInt32(listing, 4, crc);
            if (directory != null && Installed(directory, count, crc, tailCrc))
            {
                _files.Delete(ShardFormat.TempName); // resumed install: this shard arrived before the cut
                return;
            }
            if (!ReadsBack(count, crc))
            {
                throw new IOException("shard " + _shard + " failed its read-back");
            }
            if (directory != null)
            {
                directory.ReleaseShard(_shard);
            }
            _files.Replace(ShardFormat.TempName, ShardFormat.NameOf(_shard, _bits));
            if (directory != null)
            {
                directory.ReloadShard(_shard);
            }
        }

        /// <summary>Drops a shard being written; the installed one stays.</summary>
        public void Abort()
        {
            if (_temp != null)
            {
                try
                {
                    _temp.Close();
                    _files.Delete(ShardFormat.TempName);
                }
                catch (Exception)
                {
                }
                _temp = null;
            }
        }

        private bool Installed(ShardedCredentialDirectory directory, int count, uint crc, uint tailCrc)
        {
            byte[] h = new byte[ShardFormat.HeaderSize];
            return directory.Bits == _bits && directory.Verified(_shard) && directory.TryReadHeader(_shard, h) && ShardFormat.CountOf(h) == count
                && ShardFormat.RecordsCrcOf(h) == crc && ShardFormat.TailCrcOf(h) == tailCrc;
        }

        private bool ReadsBack(int count, uint crc)
        {
            Stream s = _files.Open(ShardFormat.TempName, false);
            try
            {
                if (!StreamReads.ReadExactly(s, _header, 0, ShardFormat.HeaderSize) || !ShardFormat.IsHeaderOf(_header, _shard, _bits)
                    || s.Length != ShardFormat.HeaderSize + (long)count * Size)
                {
                    return false;
                }
                uint state = Crc32.Start();
                int left = count * Size;
                while (left > 0)
                {
                    int n = left < _buffer.Length ? left : _buffer.Length;
                    if (!StreamReads.ReadExactly(s, _buffer, 0, n))
                    {
                        return false;
                    }
                    state = Crc32.Update(state, _buffer, 0, n);
                    left -= n;
                }
                return Crc32.Finish(state) == crc;
            }
            finally
            {
                s.Close();
            }
        }

        private void FlushBuffer()
        {
            if (_buffered > 0)
            {
                _temp.Write(_buffer, 0, _buffered * Size);
                _buffered = 0;
            }
        }
    }
}

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
    /// Installs a bundle into the sharded cache in place (docs/cache.md, "Sharded install"), so an install needs room
    /// for one shard, not a second copy of the cache. A full bundle is split as its authenticated chunks arrive: the
    /// sorted records go shard by shard into <see cref="ShardWriter"/> (each shard replaced atomically as soon as its
    /// last record arrived, and answering at once), the profiles, permission sets and site config into the shared
    /// file's temporary copy, which replaces <see cref="CacheFile.Name"/> last, with the shard table. A delta is merged
    /// shard by shard from the staged delta. A cut leaves every shard old or new and the shared file old until the
    /// end: the store is then incomplete (<see cref="ShardedCredentialDirectory.Complete"/>) and the next full bundle
    /// finishes it, skipping the shards that already match. Throws on a malformed body or a storage failure.
    /// </summary>
    public sealed class ShardedCacheInstall
    {
        private const int HeadBytes = CacheBody.StoreOffset + CredentialStoreFormat.HeaderSize;
        private const int Size = CredentialStoreFormat.RecordSize;

        private readonly IFileStore _files;
        private readonly int _bits;
        private readonly ShardWriter _writer;
        private readonly byte[] _head = new byte[HeadBytes];
        private readonly byte[] _record = new byte[Size];
        private readonly StoreLayout _layout = new StoreLayout();
        private ShardedCredentialDirectory _live;
        private byte[] _listing;
        private readonly SharedFileWriter _shared;
        private int _headUsed;
        private int _recordUsed;
        private int _recordsLeft;
        private long _tailLeft;
        private uint _recordsCrc;
        private uint _tailCrc;
        private uint _tailSeen;
        private uint _generation;

        public ShardedCacheInstall(IFileStore files, int bits)
        {
            _files = files;
            _bits = bits;
            _writer = new ShardWriter(files);
            _shared = new SharedFileWriter(files);
        }

        public int Bits
        {
            get { return _bits; }
        }

        /// <summary>A full bundle starts; <paramref name="live"/> (or null) is the sharded store answering meanwhile.</summary>
        public void BeginFull(ShardedCredentialDirectory live)
        {
            Abort();
            _live = live != null && live.Bits == _bits ? live : null;
            _listing = new byte[8 << _bits];
            _headUsed = 0;
            _recordUsed = 0;
            _recordsLeft = -1;
            _tailLeft = -1;
        }

        /// <summary>The next authenticated body bytes of the full bundle.</summary>
        public void Write(byte[] data, int offset, int count)
        {
            while (count > 0)
            {
                int used;
                if (_recordsLeft < 0)
                {
                    used = Math.Min(count, HeadBytes - _headUsed);
                    Array.Copy(data, offset, _head, _headUsed, used);
                    _headUsed += used;
                    if (_headUsed == HeadBytes)
                    {
                        StartRecords();
                    }
                }
                else if (_recordsLeft > 0)
                {
                    used = Math.Min(count, Size - _recordUsed);
                    Array.Copy(data, offset, _record, _recordUsed, used);
                    _recordUsed += used;
                    if (_recordUsed == Size)
                    {
                        _recordUsed = 0;
                        AddRecord();
                    }
                }
                else
                {
                    used = (int)Math.Min(count, _tailLeft);
                    if (used <= 0)
                    {
                        throw new IOException("body longer than its store");
                    }
                    _shared.Write(data, offset, used);
                    _tailSeen = Crc32.Update(_tailSeen, data, offset, used);
                    _tailLeft -= used;
                }
                offset += used;
                count -= used;
            }
        }

        /// <summary>The whole body arrived: writes the shard table and closes the shared file's new copy (<see cref="CacheFile.SharedTempName"/>).</summary>
        public void FinishFull(BundleInfo bundle)
        {
            if (_recordsLeft != 0 || _tailLeft != 0 || Crc32.Finish(_tailSeen) != _tailCrc)
            {
                throw new IOException("body ends before its store does, or its tail CRC is wrong");
            }
            _shared.Close(bundle, _bits, _listing);
        }

        /// <summary>
        /// Merges the staged delta (at <paramref name="position"/> of <paramref name="delta"/>) into the complete sharded
        /// store <paramref name="live"/>, shard by shard, and writes the new shared file's copy.
        /// </summary>
        public void ApplyDelta(Stream delta, long position, int length, BundleInfo bundle, ShardedCredentialDirectory live)
        {
            Abort();
            _live = live;
            _listing = new byte[8 << _bits];
            int removed, upserts, tailLength;
            delta.Seek(position, SeekOrigin.Begin);
            if (live == null || live.Bits != _bits || !live.Complete
                || !CacheDelta.TryReadHeader(delta, length, out removed, out upserts, out tailLength, out _generation))
            {
                throw new IOException("delta does not apply to the installed store");
            }
            FileCredentialDirectory shared = live.Shared;
            long removals = position + CacheDelta.HeaderSize;
            long records = removals + (long)removed * CacheDelta.KeySize;
            long tail = records + (long)upserts * Size;
            Stream tailSource = shared.Stream;
            long tailAt = shared.Base + shared.Layout.ProfilesOffset;
            long tailBytes = shared.Layout.End - shared.Layout.ProfilesOffset;
            StoreLayout next = shared.Layout;
            if (tailLength > 0)
            {
                byte[] th = new byte[StoreImage.TailHeaderSize];
                delta.Seek(tail, SeekOrigin.Begin);
                if (!StreamReads.ReadExactly(delta, th, 0, th.Length))
                {
                    throw new IOException("delta tail ends early");
                }
                next = StoreLayout.Of(0, LittleEndian.ReadInt32(th, 0), LittleEndian.ReadInt32(th, 4), LittleEndian.ReadInt32(th, 8), LittleEndian.ReadInt32(th, 12));
                tailSource = delta;
                tailAt = tail + th.Length;
                tailBytes = tailLength - th.Length;
            }
            if (!next.IsConsistent() || next.End - next.ProfilesOffset != tailBytes || removed < 0)
            {
                throw new IOException("delta tail does not match its layout");
            }
            _tailCrc = tailLength > 0 ? CrcOf(tailSource, tailAt, tailBytes) : shared.TailCrc;
            byte[] h = new byte[ShardFormat.HeaderSize];
            for (int k = 0; k < (1 << _bits); k++)
            {
                int r = CountInShard(delta, removals, removed, CacheDelta.KeySize, k);
                int u = CountInShard(delta, records, upserts, Size, k);
                removed -= r;
                upserts -= u;
                if (!live.TryReadHeader(k, h))
                {
                    throw new IOException("shard " + k + " unreadable");
                }
                if (r == 0 && u == 0 && _tailCrc == shared.TailCrc)
                {
                    LittleEndian.WriteInt32(_listing, 8 * k, ShardFormat.CountOf(h));
                    LittleEndian.WriteUInt32(_listing, 8 * k + 4, ShardFormat.RecordsCrcOf(h));
                }
                else
                {
                    MergeShard(k, ShardFormat.CountOf(h), new DeltaCursor(delta, removals, r, CacheDelta.KeySize), new DeltaCursor(delta, records, u, Size));
                }
                removals += (long)r * CacheDelta.KeySize;
                records += (long)u * Size;
            }
            _layout.Profiles = next.Profiles;
            _layout.Sets = next.Sets;
            _layout.SetsLength = next.SetsLength;
            _layout.SiteLength = next.SiteLength;
            byte[] head = new byte[CacheBody.StoreOffset];
            shared.Stream.Seek(CacheFile.BodyOffset, SeekOrigin.Begin);
            if (!StreamReads.ReadExactly(shared.Stream, head, 0, head.Length))
            {
                throw new IOException("installed cache head unreadable");
            }
            _shared.Open(head, _layout, _generation, _tailCrc);
            _shared.Copy(tailSource, tailAt, tailBytes);
            _shared.Close(bundle, _bits, _listing);
        }

        /// <summary>Drops what is being written; installed shards and the installed shared file stay.</summary>
        public void Abort()
        {
            _writer.Abort();
            _shared.Abort();
        }

        /// <summary>Deletes shard files a store of this many bits does not have (left by a plan with more shards).</summary>
        public void DeleteStrayShards()
        {
            string[] names = _files.List(ShardFormat.NamePrefix);
            for (int i = 0; i < names.Length; i++)
            {
                bool ours = false;
                for (int k = 0; k < (1 << _bits) && !ours; k++)
                {
                    ours = names[i] == ShardFormat.NameOf(k, _bits) || names[i] == ShardFormat.TempName;
                }
                if (!ours && names[i].Length == ShardFormat.NameOf(0, _bits).Length && names[i].EndsWith(".bin"))
                {
                    _files.Delete(names[i]);
                }
            }
        }

        private void StartRecords()
        {
            byte[] store = new byte[CredentialStoreFormat.HeaderSize];
            Array.Copy(_head, CacheBody.StoreOffset, store, 0, store.Length);
            if (_head[0] != 'D' || _head[1] != 'C' || _head[2] != 'B' || _head[3] != '1' || !CredentialStoreFormat.TryReadHeader(store, _layout))
            {
                throw new IOException("not a cache body");
            }
            _recordsLeft = _layout.Records;
            _tailLeft = _layout.End - _layout.ProfilesOffset;
            _tailCrc = LittleEndian.ReadUInt32(store, CredentialStoreFormat.SiteCrcOffset);
            _generation = LittleEndian.ReadUInt32(store, CredentialStoreFormat.GenerationOffset);
            _recordsCrc = Crc32.Start();
            _tailSeen = Crc32.Start();
            _writer.Begin(0, _bits);
            if (_recordsLeft == 0)
            {
                EndRecords(LittleEndian.ReadUInt32(store, CredentialStoreFormat.RecordsCrcOffset));
            }
        }

        private void AddRecord()
        {
            int k = ShardFormat.ShardOf(_record, 0, _bits);
            if (k < _writer.Shard)
            {
                throw new IOException("records out of order");
            }
            while (_writer.Shard < k)
            {
                CommitAndBegin(_writer.Shard + 1);
            }
            _writer.Add(_record, 0);
            _recordsCrc = Crc32.Update(_recordsCrc, _record, 0, Size);
            if (--_recordsLeft == 0)
            {
                byte[] store = new byte[CredentialStoreFormat.HeaderSize];
                Array.Copy(_head, CacheBody.StoreOffset, store, 0, store.Length);
                EndRecords(LittleEndian.ReadUInt32(store, CredentialStoreFormat.RecordsCrcOffset));
            }
        }

        private void EndRecords(uint expectedCrc)
        {
            while (_writer.Shard < (1 << _bits) - 1)
            {
                CommitAndBegin(_writer.Shard + 1);
            }
            CommitAndBegin(-1);
            if (Crc32.Finish(_recordsCrc) != expectedCrc)
            {
                throw new IOException("records CRC mismatch");
            }
            byte[] head = new byte[CacheBody.StoreOffset];
            Array.Copy(_head, 0, head, 0, head.Length);
            _shared.Open(head, _layout, _generation, _tailCrc);
        }

        private void CommitAndBegin(int next)
        {
            int k = _writer.Shard;
            byte[] entry = new byte[8];
            _writer.Commit(-1, 0, _tailCrc, _generation, _live, entry);
            Array.Copy(entry, 0, _listing, 8 * k, 8);
            if (next >= 0)
            {
                _writer.Begin(next, _bits);
            }
        }

        private void MergeShard(int k, int count, DeltaCursor removals, DeltaCursor upserts)
        {
            Stream installed = _files.Open(ShardFormat.NameOf(k, _bits), false);
            RecordMerge merge;
            try
            {
                installed.Seek(ShardFormat.HeaderSize, SeekOrigin.Begin);
                _writer.Begin(k, _bits);
                merge = new RecordMerge(installed, count, removals, upserts, _writer.Output, RecordSearch.BlockRecords);
                if (!merge.Run())
                {
                    throw new IOException("delta does not merge into shard " + k);
                }
            }
            finally
            {
                installed.Close();
            }
            byte[] entry = new byte[8];
            _writer.Commit(merge.Count, merge.Crc, _tailCrc, _generation, _live, entry);
            Array.Copy(entry, 0, _listing, 8 * k, 8);
        }

        /// <summary>Items of a sorted delta list (from <paramref name="at"/>, <paramref name="left"/> of them) that belong to shard <paramref name="k"/>.</summary>
        private int CountInShard(Stream delta, long at, int left, int itemSize, int k)
        {
            int n = 0;
            while (n < left)
            {
                delta.Seek(at + (long)n * itemSize, SeekOrigin.Begin);
                if (!StreamReads.ReadExactly(delta, _record, 0, 1))
                {
                    throw new IOException("delta ends early");
                }
                if (ShardFormat.ShardOf(_record, 0, _bits) != k)
                {
                    break;
                }
                n++;
            }
            return n;
        }

        private static uint CrcOf(Stream from, long at, long length)
        {
            byte[] buffer = new byte[RecordSearch.BlockRecords * Size];
            uint crc = Crc32.Start();
            from.Seek(at, SeekOrigin.Begin);
            while (length > 0)
            {
                int n = length < buffer.Length ? (int)length : buffer.Length;
                if (!StreamReads.ReadExactly(from, buffer, 0, n))
                {
                    throw new IOException("tail ends early");
                }
                crc = Crc32.Update(crc, buffer, 0, n);
                length -= n;
            }
            return Crc32.Finish(crc);
        }
    }
}

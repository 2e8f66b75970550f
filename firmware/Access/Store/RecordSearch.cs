using System;
using System.IO;
using DoorController.Core;

namespace DoorController.Access
{
    /// <summary>
    /// Finds a record in a sorted run of store records on flash (<see cref="CredentialStoreFormat"/>, 12 bytes each)
    /// without loading it: an optional sparse index (the first four hash bytes of every n-th record; positions are
    /// computed, not stored) narrows a lookup to a short run, the first read is interpolated (keyed hashes are
    /// uniform), longer runs are narrowed by single-record probes, and the last window is read into a fixed block
    /// buffer and binary-searched. Shared by the whole-file store and by every shard of a sharded one; RAM is the
    /// block buffer plus the index, whatever the number of records.
    /// </summary>
    public sealed class RecordSearch
    {
        /// <summary>Records read per lookup at most (384 bytes); longer runs are narrowed by single-record probes.</summary>
        public const int BlockRecords = 32;
        /// <summary>Records in the first, interpolated read of a lookup (96 bytes).</summary>
        public const int ProbeRecords = 8;

        private const int Size = CredentialStoreFormat.RecordSize;
        private const int NotInWindow = -1;

        private readonly byte[] _block = new byte[BlockRecords * Size];
        private Stream _stream;
        private long _start;
        private int _count;
        private uint[] _index = new uint[0];
        private uint _low;
        private uint _high = uint.MaxValue;
        private int _cachedStart = -1;
        private int _cachedCount;

        /// <summary>The buffer the last found record was left in (at <see cref="OffsetInBlock"/>).</summary>
        public byte[] Block
        {
            get { return _block; }
        }

        public int Count
        {
            get { return _count; }
        }

        /// <summary>
        /// Searches <paramref name="count"/> records from <paramref name="start"/> of <paramref name="stream"/> from now
        /// on, with a sparse index of <paramref name="indexEntries"/> entries (0: none; filled by <see cref="Scan"/>) and
        /// every record's first four bytes within [<paramref name="low"/>, <paramref name="high"/>].
        /// </summary>
        public void Attach(Stream stream, long start, int count, int indexEntries, uint low, uint high)
        {
            _stream = stream;
            _start = start;
            _count = count;
            _low = low;
            _high = high;
            if (_index.Length != (count < indexEntries ? count : indexEntries))
            {
                _index = new uint[count < indexEntries ? count : indexEntries];
            }
            _cachedStart = -1;
        }

        /// <summary>Someone else wrote into <see cref="Block"/>: what it held is no longer a cached window.</summary>
        public void BlockReused()
        {
            _cachedStart = -1;
        }

        /// <summary>Forgets the stream and the records (a corrupt or closed file).</summary>
        public void Detach()
        {
            _stream = null;
            _count = 0;
            _index = new uint[0];
            _cachedStart = -1;
        }

        /// <summary>
        /// One sequential pass over the records: their CRC equals <paramref name="expectedCrc"/>, their kept bytes
        /// strictly increase and lie within the attached bounds, every profile index is below
        /// <paramref name="profiles"/>; fills the sparse index. False when any fails or the file ends early.
        /// </summary>
        public bool Scan(uint expectedCrc, int profiles)
        {
            _stream.Seek(_start, SeekOrigin.Begin);
            uint crc = Crc32.Start();
            byte[] previous = new byte[CredentialStoreFormat.HashBytes];
            int nextIndex = 0;
            int done = 0;
            while (done < _count)
            {
                int n = _count - done < BlockRecords ? _count - done : BlockRecords;
                if (!StreamReads.ReadExactly(_stream, _block, 0, n * Size))
                {
                    return false;
                }
                crc = Crc32.Update(crc, _block, 0, n * Size);
                for (int i = 0; i < n; i++)
                {
                    int at = i * Size;
                    uint prefix = CredentialStoreFormat.Prefix(_block, at);
                    if ((done + i > 0 && HashOrder.ComparePrefix(previous, 0, _block, at, CredentialStoreFormat.HashBytes) >= 0)
                        || CredentialStoreFormat.ProfileAt(_block, at) >= profiles || prefix < _low || prefix > _high)
                    {
                        return false;
                    }
                    Array.Copy(_block, at, previous, 0, CredentialStoreFormat.HashBytes);
                    while (nextIndex < _index.Length && PositionOf(nextIndex) == done + i)
                    {
                        _index[nextIndex++] = prefix;
                    }
                }
                done += n;
            }
            _cachedStart = -1;
            return Crc32.Finish(crc) == expectedCrc;
        }

        /// <summary>Byte offset in <see cref="Block"/> of the record at position <paramref name="at"/> just found.</summary>
        public int OffsetInBlock(int at)
        {
            return (at - _cachedStart) * Size;
        }

        /// <summary>Position of the record whose kept bytes match <paramref name="hash"/>, left in the block buffer; -1 when none. Throws on a read failure.</summary>
        public int Search(byte[] hash, int offset)
        {
            uint prefix = CredentialStoreFormat.Prefix(hash, offset);
            int start;
            int end;
            uint low;
            uint high;
            Narrow(prefix, out start, out end, out low, out high);
            if (end - start > ProbeRecords)
            {
                // Interpolate where the prefix should sit and read a small window there first; usually that settles
                // it with 96 bytes read instead of the whole run.
                int guess = start + (int)((long)(end - start) * (long)(prefix - low) / ((long)(high - low) + 1));
                int first = guess - ProbeRecords / 2;
                if (first < start) first = start;
                if (first > end - ProbeRecords) first = end - ProbeRecords;
                int found = SearchBlock(first, ProbeRecords, hash, offset);
                if (found != NotInWindow)
                {
                    return found;
                }
                if (Compare(0, hash, offset) > 0)
                {
                    end = first;
                }
                else
                {
                    start = first + ProbeRecords;
                }
            }
            while (end - start > BlockRecords)
            {
                int mid = (start + end) >> 1;
                ReadRecords(mid, 1);
                int cmp = Compare(0, hash, offset);
                if (cmp == 0)
                {
                    _cachedStart = mid;
                    _cachedCount = 1;
                    return mid;
                }
                if (cmp < 0) start = mid + 1; else end = mid;
            }
            if (end <= start)
            {
                return -1;
            }
            int result = SearchBlock(start, end - start, hash, offset);
            return result == NotInWindow ? -1 : result;
        }

        /// <summary>
        /// Reads records [first, first+count) and binary-searches them: the position when found, -1 - (insertion) when
        /// absent inside the window, <see cref="NotInWindow"/> when the hash lies before the first or after the last.
        /// </summary>
        private int SearchBlock(int first, int count, byte[] hash, int offset)
        {
            if (_cachedStart != first || _cachedCount != count)
            {
                ReadRecords(first, count);
                _cachedStart = first;
                _cachedCount = count;
            }
            int lo = 0;
            int hi = count - 1;
            while (lo <= hi)
            {
                int m = (lo + hi) >> 1;
                int cmp = Compare(m * Size, hash, offset);
                if (cmp == 0)
                {
                    return first + m;
                }
                if (cmp < 0) lo = m + 1; else hi = m - 1;
            }
            return lo == 0 || lo == count ? NotInWindow : -2;
        }

        private int Compare(int blockOffset, byte[] hash, int offset)
        {
            return HashOrder.ComparePrefix(_block, blockOffset, hash, offset, CredentialStoreFormat.HashBytes);
        }

        /// <summary>The run of records that can hold <paramref name="prefix"/>: after the last index entry with a smaller prefix, before the first with a larger one.</summary>
        private void Narrow(uint prefix, out int start, out int end, out uint low, out uint high)
        {
            int n = _index.Length;
            int lo = 0;
            int hi = n;
            while (lo < hi)
            {
                int mid = (lo + hi) >> 1;
                if (_index[mid] < prefix) lo = mid + 1; else hi = mid;
            }
            start = lo == 0 ? 0 : PositionOf(lo - 1) + 1;
            low = lo == 0 ? _low : _index[lo - 1];
            int k = lo;
            while (k < n && _index[k] == prefix)
            {
                k++;
            }
            end = k < n ? PositionOf(k) : _count;
            high = k < n ? _index[k] : _high;
            if (prefix < low || prefix > high)
            {
                end = start; // outside this run's bounds: not here
            }
        }

        /// <summary>The record index entry <paramref name="k"/> describes: every (count / entries)-th.</summary>
        private int PositionOf(int k)
        {
            return (int)((long)k * _count / _index.Length);
        }

        private void ReadRecords(int first, int count)
        {
            _cachedStart = -1;
            _stream.Seek(_start + (long)first * Size, SeekOrigin.Begin);
            if (!StreamReads.ReadExactly(_stream, _block, 0, count * Size))
            {
                throw new IOException("store file ends early");
            }
        }
    }
}

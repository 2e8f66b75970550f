using System;
using System.IO;
using DoorController.Core;
using DoorController.Hal;

namespace DoorController.Access
{
    /// <summary>
    /// Looks credentials up in a store file (<see cref="CredentialStoreFormat"/>) without loading it: a sparse RAM
    /// index of fixed size (the first four hash bytes of every n-th record; positions are computed, not stored)
    /// narrows a lookup to one short run of records, read with one Seek + Read into a fixed block buffer and
    /// binary-searched; the found record's profile is then read (20 bytes) and its holder made available through
    /// <see cref="Holder"/>. RAM does not depend on the number of credentials, profiles or people.
    /// Opening verifies the header, the CRC-32 of the records and of the profiles, permission sets and site config,
    /// and the records' strict order in one sequential pass; a corrupt or unreadable file makes every lookup return
    /// <see cref="ReasonCode.CredentialStoreCorrupt"/>.
    /// </summary>
    public sealed class FileCredentialDirectory : ICredentialDirectory
    {
        public const int DefaultIndexEntries = 96;
        /// <summary>Records read per lookup at most (384 bytes); longer runs are narrowed by single-record probes.</summary>
        public const int BlockRecords = 32;
        /// <summary>Records in the first, interpolated read of a lookup (96 bytes).</summary>
        public const int ProbeRecords = 8;

        private const int NotInWindow = -1;

        private readonly Stream _stream;
        private readonly long _base;
        private readonly byte[] _block = new byte[BlockRecords * CredentialStoreFormat.RecordSize];
        private readonly byte[] _header = new byte[CredentialStoreFormat.HeaderSize];
        private readonly byte[] _profile = new byte[CredentialStoreFormat.ProfileSize];
        private readonly StoreLayout _layout = new StoreLayout();
        private readonly StoreHolder _holder;
        private uint[] _index = new uint[0];
        private ReasonCode _status = ReasonCode.CredentialStoreUnavailable;
        private int _count;
        private uint _generation;
        private int _cachedStart = -1;
        private int _cachedCount;

        /// <summary>Opens a store starting at <paramref name="baseOffset"/> of <paramref name="stream"/>. Never throws.</summary>
        public FileCredentialDirectory(Stream stream, long baseOffset, int indexEntries)
        {
            _stream = stream;
            _base = baseOffset;
            _holder = new StoreHolder(this);
            if (stream == null)
            {
                return;
            }
            try
            {
                _status = Load(indexEntries < 1 ? 1 : indexEntries);
            }
            catch (Exception)
            {
                _status = ReasonCode.CredentialStoreCorrupt;
            }
            if (_status != ReasonCode.Granted)
            {
                _count = 0;
            }
        }

        /// <summary>Opens <paramref name="name"/> from a file store; a missing file gives a directory whose status is unavailable.</summary>
        public static FileCredentialDirectory Open(IFileStore store, string name, long baseOffset)
        {
            Stream s = null;
            try
            {
                if (store != null && store.List(name).Length > 0)
                {
                    s = store.Open(name, false);
                }
            }
            catch (Exception)
            {
                s = null;
            }
            return new FileCredentialDirectory(s, baseOffset, DefaultIndexEntries);
        }

        /// <summary><see cref="ReasonCode.Granted"/> when the file is usable, otherwise why not.</summary>
        public ReasonCode Status
        {
            get { return _status; }
        }

        public int Count
        {
            get { return _count; }
        }

        public uint Generation
        {
            get { return _generation; }
        }

        /// <summary>The stream, for reading the site config (<see cref="SiteCacheReader"/>).</summary>
        public Stream Stream
        {
            get { return _stream; }
        }

        /// <summary>The holder of the credential the last successful <see cref="Find"/> returned: user and permissions.</summary>
        public StoreHolder Holder
        {
            get { return _holder; }
        }

        /// <summary>Absolute offset of the site config in the stream, or -1 when the store has none.</summary>
        public long SiteConfigPosition
        {
            get { return _layout.SiteLength > 0 && _status == ReasonCode.Granted ? _base + _layout.SiteOffset : -1; }
        }

        public int SiteConfigLength
        {
            get { return _layout.SiteLength; }
        }

        public ReasonCode Find(byte[] hash, int offset, CredentialInfo into)
        {
            _holder.Forget();
            if (_status != ReasonCode.Granted)
            {
                return _status;
            }
            if (hash == null || offset < 0 || offset + CredentialHasher.HashLength > hash.Length || into == null)
            {
                return ReasonCode.UnknownCredential;
            }
            try
            {
                int at = Search(hash, offset);
                if (at < 0)
                {
                    return ReasonCode.UnknownCredential;
                }
                Decode(hash, offset, at, into);
                return ReasonCode.Granted;
            }
            catch (Exception)
            {
                return Fail();
            }
        }

        /// <summary>Reads permission set <paramref name="set"/> into <paramref name="into"/>; its length, or -1 when out of range.</summary>
        internal int ReadPermissionSet(int set, byte[] into)
        {
            if (set < 0 || set >= _layout.Sets)
            {
                return -1;
            }
            try
            {
                long table = _base + _layout.SetsOffset;
                int dataLength = _layout.SetsLength - 4 * _layout.Sets;
                ReadAt(table + 4L * set, _profile, set + 1 < _layout.Sets ? 8 : 4); // this set's offset and the next one's
                int start = LittleEndian.ReadInt32(_profile, 0);
                int end = set + 1 < _layout.Sets ? LittleEndian.ReadInt32(_profile, 4) : dataLength;
                if (start < 0 || end < start || end > dataLength || end - start > into.Length)
                {
                    Fail();
                    return -1;
                }
                ReadAt(table + 4L * _layout.Sets + start, into, end - start);
                return end - start;
            }
            catch (Exception)
            {
                Fail();
                return -1;
            }
        }

        private ReasonCode Fail()
        {
            _status = ReasonCode.CredentialStoreCorrupt; // flash read failed or the file lies: stop trusting it
            _cachedStart = -1;
            _holder.Forget();
            return _status;
        }

        private void Decode(byte[] hash, int offset, int at, CredentialInfo into)
        {
            int record = (at - _cachedStart) * CredentialStoreFormat.RecordSize;
            int profile = CredentialStoreFormat.ProfileAt(_block, record);
            System.Array.Copy(hash, offset, into.Hash, 0, CredentialHasher.HashLength);
            into.UserId = CredentialStoreFormat.UserIdAt(_block, record);
            into.Index = at;
            if (profile >= _layout.Profiles)
            {
                throw new IOException("record names profile " + profile + " of " + _layout.Profiles);
            }
            ReadAt(_base + _layout.ProfilesOffset + (long)profile * CredentialStoreFormat.ProfileSize, _profile, CredentialStoreFormat.ProfileSize);
            _holder.Load(CredentialStoreFormat.DecodeProfile(_profile, 0, into, _holder.User));
        }

        /// <summary>Position of the record whose kept bytes match <paramref name="hash"/>, left in the block buffer; -1 when none.</summary>
        private int Search(byte[] hash, int offset)
        {
            uint prefix = CredentialStoreFormat.Prefix(hash, offset);
            int start;
            int end;
            uint low;
            uint high;
            Narrow(prefix, out start, out end, out low, out high);
            if (end - start > ProbeRecords)
            {
                // Keyed hashes are uniform, so interpolate where the prefix should sit and read a small window
                // there first; usually that settles it with 96 bytes read instead of the whole run.
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
                int cmp = Compare(m * CredentialStoreFormat.RecordSize, hash, offset);
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
            low = lo == 0 ? 0 : _index[lo - 1];
            int k = lo;
            while (k < n && _index[k] == prefix)
            {
                k++;
            }
            end = k < n ? PositionOf(k) : _count;
            high = k < n ? _index[k] : uint.MaxValue;
        }

        /// <summary>The record index entry <paramref name="k"/> describes: every (count / entries)-th.</summary>
        private int PositionOf(int k)
        {
            return (int)((long)k * _count / _index.Length);
        }

        private void ReadRecords(int first, int count)
        {
            _cachedStart = -1;
            ReadAt(_base + CredentialStoreFormat.HeaderSize + (long)first * CredentialStoreFormat.RecordSize, _block, count * CredentialStoreFormat.RecordSize);
        }

        private void ReadAt(long position, byte[] buffer, int count)
        {
            _stream.Seek(position, SeekOrigin.Begin);
            if (!StreamReads.ReadExactly(_stream, buffer, 0, count))
            {
                throw new IOException("store file ends early");
            }
        }

        private ReasonCode Load(int indexEntries)
        {
            ReadAt(_base, _header, CredentialStoreFormat.HeaderSize);
            if (!CredentialStoreFormat.TryReadHeader(_header, _layout) || _stream.Length < _base + _layout.End)
            {
                return ReasonCode.CredentialStoreCorrupt;
            }
            _generation = LittleEndian.ReadUInt32(_header, CredentialStoreFormat.GenerationOffset);
            int count = _layout.Records;
            uint[] index = new uint[count < indexEntries ? count : indexEntries];
            _count = count;
            _index = index;
            if (!ScanRecords(LittleEndian.ReadUInt32(_header, CredentialStoreFormat.RecordsCrcOffset))
                || !RestMatches(LittleEndian.ReadUInt32(_header, CredentialStoreFormat.SiteCrcOffset)))
            {
                _index = new uint[0];
                return ReasonCode.CredentialStoreCorrupt;
            }
            return ReasonCode.Granted;
        }

        /// <summary>One sequential pass: CRC of all records, strictly increasing kept bytes, valid profile indexes, the index prefixes.</summary>
        private bool ScanRecords(uint expectedCrc)
        {
            _stream.Seek(_base + CredentialStoreFormat.HeaderSize, SeekOrigin.Begin);
            uint crc = Crc32.Start();
            byte[] previous = new byte[CredentialStoreFormat.HashBytes];
            int nextIndex = 0;
            int done = 0;
            while (done < _count)
            {
                int n = _count - done < BlockRecords ? _count - done : BlockRecords;
                if (!StreamReads.ReadExactly(_stream, _block, 0, n * CredentialStoreFormat.RecordSize))
                {
                    return false;
                }
                crc = Crc32.Update(crc, _block, 0, n * CredentialStoreFormat.RecordSize);
                for (int i = 0; i < n; i++)
                {
                    int at = i * CredentialStoreFormat.RecordSize;
                    if ((done + i > 0 && HashOrder.ComparePrefix(previous, 0, _block, at, CredentialStoreFormat.HashBytes) >= 0)
                        || CredentialStoreFormat.ProfileAt(_block, at) >= _layout.Profiles)
                    {
                        return false;
                    }
                    Array.Copy(_block, at, previous, 0, CredentialStoreFormat.HashBytes);
                    while (nextIndex < _index.Length && PositionOf(nextIndex) == done + i)
                    {
                        _index[nextIndex++] = CredentialStoreFormat.Prefix(_block, at);
                    }
                }
                done += n;
            }
            return Crc32.Finish(crc) == expectedCrc;
        }

        /// <summary>CRC of profiles, permission sets and site config, read in block-sized pieces.</summary>
        private bool RestMatches(uint expectedCrc)
        {
            long length = _layout.End - _layout.ProfilesOffset;
            _stream.Seek(_base + _layout.ProfilesOffset, SeekOrigin.Begin);
            uint crc = Crc32.Start();
            while (length > 0)
            {
                int n = length < _block.Length ? (int)length : _block.Length;
                if (!StreamReads.ReadExactly(_stream, _block, 0, n))
                {
                    return false;
                }
                crc = Crc32.Update(crc, _block, 0, n);
                length -= n;
            }
            _cachedStart = -1;
            return Crc32.Finish(crc) == expectedCrc;
        }
    }
}

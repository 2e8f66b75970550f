using System;
using System.IO;
using DoorController.Core;
using DoorController.Hal;

namespace DoorController.Access
{
    /// <summary>
    /// Looks credentials up in a store file (<see cref="CredentialStoreFormat"/>) without loading it: a sparse
    /// RAM index of fixed size (the first four hash bytes of every n-th record) narrows a lookup to one short run
    /// of records, which is read with one Seek + Read into a fixed block buffer and binary-searched. RAM use
    /// depends on <c>indexEntries</c> and <see cref="BlockRecords"/>, not on the number of credentials.
    /// Opening verifies the header, the CRC-32 of every record and their strict order in one sequential pass;
    /// a corrupt or unreadable file makes every lookup return <see cref="ReasonCode.CredentialStoreCorrupt"/>.
    /// </summary>
    public sealed class FileCredentialDirectory : ICredentialDirectory
    {
        public const int DefaultIndexEntries = 1024;
        /// <summary>Records read per lookup at most (4 KiB buffer); longer runs are narrowed by single-record probes.</summary>
        public const int BlockRecords = 128;
        /// <summary>Records in the first, interpolated read of a lookup (256 bytes).</summary>
        public const int ProbeRecords = 8;

        private readonly Stream _stream;
        private readonly long _base;
        private readonly byte[] _block = new byte[BlockRecords * CredentialStoreFormat.RecordSize];
        private readonly byte[] _header = new byte[CredentialStoreFormat.HeaderSize];
        private uint[] _indexPrefix = new uint[0];
        private int[] _indexPosition = new int[0];
        private ReasonCode _status = ReasonCode.CredentialStoreUnavailable;
        private long _records;
        private int _count;
        private uint _generation;
        private int _siteOffset;
        private int _siteLength;
        private uint _siteCrc;
        private int _cachedStart = -1;
        private int _cachedCount;

        /// <summary>Opens a store starting at <paramref name="baseOffset"/> of <paramref name="stream"/>. Never throws.</summary>
        public FileCredentialDirectory(Stream stream, long baseOffset, int indexEntries)
        {
            _stream = stream;
            _base = baseOffset;
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

        /// <summary>The stream, for reading the site section (<see cref="SiteCacheReader"/>).</summary>
        public Stream Stream
        {
            get { return _stream; }
        }

        /// <summary>Absolute offset of the site section in the stream, or -1 when the store has none.</summary>
        public long SiteSectionPosition
        {
            get { return _siteLength > 0 && _status == ReasonCode.Granted ? _base + _siteOffset : -1; }
        }

        public int SiteSectionLength
        {
            get { return _siteLength; }
        }

        public uint SiteSectionCrc
        {
            get { return _siteCrc; }
        }

        public ReasonCode Find(byte[] hash, int offset, CredentialInfo into)
        {
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
                return Search(hash, offset, into);
            }
            catch (Exception)
            {
                _status = ReasonCode.CredentialStoreCorrupt; // flash read failed: stop trusting the file
                _cachedStart = -1;
                return _status;
            }
        }

        private ReasonCode Search(byte[] hash, int offset, CredentialInfo into)
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
                // there first; usually that settles it with a few hundred bytes read instead of the whole run.
                int guess = start + (int)((long)(end - start) * (long)(prefix - low) / ((long)(high - low) + 1));
                int first = guess - ProbeRecords / 2;
                if (first < start) first = start;
                if (first > end - ProbeRecords) first = end - ProbeRecords;
                int found = SearchBlock(first, ProbeRecords, hash, offset, into);
                if (found != NotInWindow)
                {
                    return found == 1 ? ReasonCode.Granted : ReasonCode.UnknownCredential;
                }
                if (HashOrder.Compare(_block, 0, hash, offset) > 0)
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
                int cmp = HashOrder.Compare(_block, 0, hash, offset);
                if (cmp == 0)
                {
                    CredentialStoreFormat.Decode(_block, 0, mid, into);
                    return ReasonCode.Granted;
                }
                if (cmp < 0)
                {
                    start = mid + 1;
                }
                else
                {
                    end = mid;
                }
            }
            if (end <= start)
            {
                return ReasonCode.UnknownCredential;
            }
            return SearchBlock(start, end - start, hash, offset, into) == 1 ? ReasonCode.Granted : ReasonCode.UnknownCredential;
        }

        private const int NotInWindow = -1;

        /// <summary>
        /// Reads records [first, first+count) and binary-searches them: 1 found, 0 absent (the hash lies inside
        /// the window's range), <see cref="NotInWindow"/> when it lies before the first or after the last record.
        /// </summary>
        private int SearchBlock(int first, int count, byte[] hash, int offset, CredentialInfo into)
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
                int cmp = HashOrder.Compare(_block, m * CredentialStoreFormat.RecordSize, hash, offset);
                if (cmp == 0)
                {
                    CredentialStoreFormat.Decode(_block, m * CredentialStoreFormat.RecordSize, first + m, into);
                    return 1;
                }
                if (cmp < 0)
                {
                    lo = m + 1;
                }
                else
                {
                    hi = m - 1;
                }
            }
            return lo == 0 || lo == count ? NotInWindow : 0;
        }

        /// <summary>
        /// The run of records that can hold <paramref name="prefix"/>: after the last index entry with a smaller
        /// prefix, before the first with a larger one.
        /// </summary>
        private void Narrow(uint prefix, out int start, out int end, out uint low, out uint high)
        {
            int n = _indexPrefix.Length;
            int lo = 0;
            int hi = n;
            while (lo < hi)
            {
                int mid = (lo + hi) >> 1;
                if (_indexPrefix[mid] < prefix) lo = mid + 1; else hi = mid;
            }
            start = lo == 0 ? 0 : _indexPosition[lo - 1] + 1;
            low = lo == 0 ? 0 : _indexPrefix[lo - 1];
            int k = lo;
            while (k < n && _indexPrefix[k] == prefix)
            {
                k++;
            }
            end = k < n ? _indexPosition[k] : _count;
            high = k < n ? _indexPrefix[k] : uint.MaxValue;
        }

        private void ReadRecords(int first, int count)
        {
            _cachedStart = -1;
            _stream.Seek(_records + (long)first * CredentialStoreFormat.RecordSize, SeekOrigin.Begin);
            ReadExactly(_block, count * CredentialStoreFormat.RecordSize);
        }

        private void ReadExactly(byte[] buffer, int count)
        {
            if (!StreamReads.ReadExactly(_stream, buffer, 0, count))
            {
                throw new IOException("store file ends early");
            }
        }

        private ReasonCode Load(int indexEntries)
        {
            _stream.Seek(_base, SeekOrigin.Begin);
            ReadExactly(_header, CredentialStoreFormat.HeaderSize);
            if (!CredentialStoreFormat.HeaderValid(_header))
            {
                return ReasonCode.CredentialStoreCorrupt;
            }
            int count = LittleEndian.ReadInt32(_header, 8);
            int recordsOffset = LittleEndian.ReadInt32(_header, 20);
            _generation = LittleEndian.ReadUInt32(_header, 16);
            _siteOffset = LittleEndian.ReadInt32(_header, 28);
            _siteLength = LittleEndian.ReadInt32(_header, 32);
            _siteCrc = LittleEndian.ReadUInt32(_header, 36);
            long recordsEnd = (long)recordsOffset + (long)count * CredentialStoreFormat.RecordSize;
            if (recordsOffset < CredentialStoreFormat.HeaderSize || _siteLength < 0
                || (_siteLength > 0 && _siteOffset < recordsEnd)
                || _stream.Length < _base + recordsEnd + (_siteLength > 0 ? _siteOffset + _siteLength - recordsEnd : 0))
            {
                return ReasonCode.CredentialStoreCorrupt;
            }
            _records = _base + recordsOffset;
            int entries = count < indexEntries ? count : indexEntries;
            uint[] prefixes = new uint[entries];
            int[] positions = new int[entries];
            for (int k = 0; k < entries; k++)
            {
                positions[k] = (int)((long)k * count / entries);
            }
            if (!Scan(count, LittleEndian.ReadUInt32(_header, 24), positions, prefixes))
            {
                return ReasonCode.CredentialStoreCorrupt;
            }
            _indexPrefix = prefixes;
            _indexPosition = positions;
            _count = count;
            return ReasonCode.Granted;
        }

        /// <summary>One sequential pass: CRC of all records, strictly increasing hashes, index prefixes.</summary>
        private bool Scan(int count, uint expectedCrc, int[] positions, uint[] prefixes)
        {
            _stream.Seek(_records, SeekOrigin.Begin);
            uint crc = Crc32.Start();
            byte[] previous = new byte[CredentialHasher.HashLength];
            int nextIndex = 0;
            int done = 0;
            while (done < count)
            {
                int n = count - done < BlockRecords ? count - done : BlockRecords;
                ReadExactly(_block, n * CredentialStoreFormat.RecordSize);
                crc = Crc32.Update(crc, _block, 0, n * CredentialStoreFormat.RecordSize);
                for (int i = 0; i < n; i++)
                {
                    int at = i * CredentialStoreFormat.RecordSize;
                    if (done + i > 0 && HashOrder.Compare(previous, 0, _block, at) >= 0)
                    {
                        return false;
                    }
                    Array.Copy(_block, at, previous, 0, CredentialHasher.HashLength);
                    while (nextIndex < positions.Length && positions[nextIndex] == done + i)
                    {
                        prefixes[nextIndex++] = CredentialStoreFormat.Prefix(_block, at);
                    }
                }
                done += n;
            }
            return Crc32.Finish(crc) == expectedCrc;
        }
    }
}

using System.IO;
using DoorController.Hal;

namespace DoorController.Journal
{
    /// <summary>
    /// A window of one segment's bytes in RAM (a single small buffer, allocated once) through which recovery and
    /// replay read records: <see cref="Next"/> slides it along the segment, and a record it returns lies wholly inside
    /// it (at <see cref="Offset"/> in <see cref="Bytes"/>). It follows appends to the segment it shows, so the link
    /// reading the newest events does not touch flash. RAM is the window, not the segment.
    /// </summary>
    public sealed class SegmentImage
    {
        /// <summary>Smallest window; it is also never smaller than the largest record.</summary>
        public const int MinimumWindowBytes = 512;

        private readonly byte[] _bytes;
        private readonly byte[] _header = new byte[SegmentHeader.Length];
        private IFileStore _store;
        private string _name;
        private Stream _openStream;
        private uint _number;
        private int _limit;
        private int _windowStart;
        private int _windowLength;

        public SegmentImage(int maxPayload)
        {
            int largestRecord = RecordFormat.MaxOverhead + maxPayload;
            _bytes = new byte[largestRecord > MinimumWindowBytes ? largestRecord : MinimumWindowBytes];
        }

        /// <summary>The window; a position p of the segment is at <see cref="Offset"/>(p).</summary>
        public byte[] Bytes { get { return _bytes; } }

        /// <summary>Segment bytes the image reads up to (a segment's logical length).</summary>
        public int Length { get { return _name != null ? _limit : 0; } }

        /// <summary>Where segment position <paramref name="position"/> sits in <see cref="Bytes"/> (valid for a record <see cref="Next"/> returned).</summary>
        public int Offset(int position)
        {
            return position - _windowStart;
        }

        public void Invalidate()
        {
            _name = null;
            _openStream = null;
        }

        public void Forget(uint number)
        {
            if (_name != null && _number == number)
            {
                Invalidate();
            }
        }

        /// <summary>
        /// Shows segment <paramref name="number"/> up to its logical <paramref name="length"/>, read through
        /// <paramref name="openStream"/> when the segment is open (uncommitted appends are visible only there), else by
        /// opening its file. A window already holding this segment is kept.
        /// </summary>
        public void Load(IFileStore store, string prefix, uint number, int length, Stream openStream)
        {
            if (_name == null || _number != number)
            {
                _windowLength = 0;
                _header[0] = SegmentHeader.Unread;
                Attach(store, SegmentNames.Format(prefix, number), number, openStream, length);
                return;
            }
            Attach(store, _name, number, openStream, length); // same segment: keep its name and window
        }

        /// <summary>Shows the first <paramref name="length"/> bytes of an open segment file (recovery).</summary>
        public void Scan(IFileStore store, string name, uint number, Stream stream, int length)
        {
            _windowLength = 0;
            _header[0] = SegmentHeader.Unread;
            Attach(store, name, number, stream, length);
        }

        /// <summary>The segment's header (<see cref="SegmentHeader"/>; read on first use): its format and the values compact records are written against.</summary>
        public byte[] Header
        {
            get
            {
                ReadHeader();
                return _header;
            }
        }

        /// <summary>
        /// Next valid record at or after segment position <paramref name="position"/> (never inside the header), in the
        /// segment's format; false when none remains or the segment has no valid header.
        /// </summary>
        public bool Next(int position, out int recordStart, out int size)
        {
            ReadHeader();
            int first = SegmentHeader.FirstRecord(_header);
            bool compact = SegmentHeader.Version(_header) == SegmentHeader.Compact;
            int minimum = compact ? RecordFormat.MinLength : LegacyRecordFormat.Overhead;
            for (int at = position > first ? position : first; first > 0 && at + minimum <= Length; at++)
            {
                Cover(at, minimum);
                int length = compact
                    ? RecordFormat.ClaimedLength(_bytes, at - _windowStart, LargestPayload)
                    : LegacyRecordFormat.ClaimedLength(_bytes, at - _windowStart, LargestPayload);
                if (length < 0 || at + length > _limit)
                {
                    continue;
                }
                Cover(at, length);
                if (compact ? RecordFormat.IsValid(_bytes, at - _windowStart, length, _header)
                    : LegacyRecordFormat.IsValid(_bytes, at - _windowStart, length))
                {
                    recordStart = at;
                    size = length;
                    return true;
                }
            }
            recordStart = -1;
            size = 0;
            return false;
        }

        /// <summary>Id of the record <see cref="Next"/> just returned.</summary>
        public long IdOf(int recordStart, int size)
        {
            return SegmentHeader.Version(_header) == SegmentHeader.Compact
                ? RecordFormat.IdAt(_bytes, recordStart - _windowStart, size, _header)
                : LegacyRecordFormat.IdAt(_bytes, recordStart - _windowStart);
        }

        /// <summary>Decodes the record <see cref="Next"/> just returned.</summary>
        public void Decode(int recordStart, int size, JournalRecord record)
        {
            if (SegmentHeader.Version(_header) == SegmentHeader.Compact)
            {
                RecordFormat.Decode(_bytes, recordStart - _windowStart, size, _header, record);
            }
            else
            {
                LegacyRecordFormat.Decode(_bytes, recordStart - _windowStart, size, record);
            }
        }

        /// <summary>Keeps the image in step with an append to segment <paramref name="number"/>, <paramref name="length"/> bytes long before it.</summary>
        public void Appended(uint number, int length, byte[] record, int start, int size)
        {
            if (_name == null || _number != number || _limit != length)
            {
                return;
            }
            if (_windowStart + _windowLength == _limit && _windowLength + size <= _bytes.Length)
            {
                System.Array.Copy(record, start, _bytes, _windowLength, size);
                _windowLength += size;
            }
            _limit += size;
        }

        /// <summary>
        /// The payload bound a claimed length is checked against: what the window holds (at least the journal's
        /// MaxPayloadBytes), so every record found fits the window; the CRC decides whether it is real.
        /// </summary>
        private int LargestPayload
        {
            get { return _bytes.Length - RecordFormat.MaxOverhead; }
        }

        private void ReadHeader()
        {
            if (_header[0] != SegmentHeader.Unread)
            {
                return;
            }
            _header[0] = SegmentHeader.Invalid;
            if (Length >= LegacyRecordFormat.SegmentHeaderLength)
            {
                Cover(0, Length < SegmentHeader.Length ? Length : SegmentHeader.Length);
                SegmentHeader.Read(_bytes, 0, _windowLength, _number, _header);
            }
        }

        private void Attach(IFileStore store, string name, uint number, Stream openStream, int length)
        {
            _store = store;
            _name = name;
            _number = number;
            _openStream = openStream;
            _limit = length;
        }

        /// <summary>Makes the window hold segment bytes [position, position + count), reading flash only if it does not yet.</summary>
        private void Cover(int position, int count)
        {
            if (position >= _windowStart && position + count <= _windowStart + _windowLength)
            {
                return;
            }
            Stream stream = _openStream ?? _store.Open(_name, false);
            try
            {
                int want = _limit - position < _bytes.Length ? _limit - position : _bytes.Length;
                stream.Seek(position, SeekOrigin.Begin);
                _windowStart = position;
                _windowLength = 0;
                while (_windowLength < want)
                {
                    int n = stream.Read(_bytes, _windowLength, want - _windowLength);
                    if (n <= 0)
                    {
                        throw new IOException("segment " + _name + " ends before its recorded length");
                    }
                    _windowLength += n;
                }
            }
            finally
            {
                if (_openStream == null)
                {
                    stream.Dispose();
                }
            }
        }
    }
}

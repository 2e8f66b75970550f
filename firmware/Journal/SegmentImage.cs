using System.IO;
using DoorController.Hal;

namespace DoorController.Journal
{
    /// <summary>
    /// One segment's bytes in RAM (a single buffer of SegmentBytes, allocated once) for recovery and replay reads.
    /// Remembers which segment and how many bytes it holds, and follows appends to the active segment, so the link
    /// reading the newest events does not touch flash.
    /// </summary>
    public sealed class SegmentImage
    {
        private const int ReadChunkBytes = 1024;
        private readonly byte[] _bytes;
        private readonly int _maxPayload;
        private uint _number;
        private int _length = -1;

        public SegmentImage(int segmentBytes, int maxPayload)
        {
            _bytes = new byte[segmentBytes];
            _maxPayload = maxPayload;
        }

        public byte[] Bytes { get { return _bytes; } }

        public int Length { get { return _length < 0 ? 0 : _length; } }

        public void Invalidate()
        {
            _length = -1;
        }

        public void Forget(SegmentInfo segment)
        {
            if (_number == segment.Number)
            {
                _length = -1;
            }
        }

        /// <summary>Declares that the buffer holds the first <paramref name="length"/> bytes of segment <paramref name="number"/>.</summary>
        public void SetCached(uint number, int length)
        {
            _number = number;
            _length = length;
        }

        /// <summary>Makes the buffer hold <paramref name="segment"/> up to its logical length, reading flash only if needed.</summary>
        public void Load(IFileStore store, SegmentInfo segment, Stream openStream)
        {
            if (_length == segment.Length && _number == segment.Number)
            {
                return;
            }
            _length = -1;
            Stream stream = openStream ?? store.Open(segment.Name, false);
            try
            {
                int read = ReadFrom(stream, segment.Length);
                SetCached(segment.Number, read);
            }
            finally
            {
                if (openStream == null)
                {
                    stream.Dispose();
                }
            }
        }

        /// <summary>Reads up to <paramref name="max"/> bytes (capped at the buffer) from the start of a stream; returns the count.</summary>
        public int ReadFrom(Stream stream, int max)
        {
            _length = -1;
            if (max > _bytes.Length)
            {
                max = _bytes.Length;
            }
            stream.Seek(0, SeekOrigin.Begin);
            int total = 0;
            while (total < max)
            {
                // Small chunks: nanoFramework's FileStream.Read allocates a temporary array of the requested size.
                int chunk = max - total < ReadChunkBytes ? max - total : ReadChunkBytes;
                int n = stream.Read(_bytes, total, chunk);
                if (n <= 0)
                {
                    break;
                }
                total += n;
            }
            return total;
        }

        /// <summary>Next valid record at or after <paramref name="position"/> in the cached bytes.</summary>
        public bool Next(int position, out int recordStart, out int payloadLength)
        {
            return SegmentParser.TryNext(_bytes, Length, position, _maxPayload, out recordStart, out payloadLength);
        }

        /// <summary>Keeps the cache in step with an append to <paramref name="segment"/> (called before its length grows).</summary>
        public void Appended(SegmentInfo segment, byte[] record, int size)
        {
            if (_length != segment.Length || _number != segment.Number)
            {
                return;
            }
            if (_length + size > _bytes.Length)
            {
                _length = -1;
                return;
            }
            System.Array.Copy(record, 0, _bytes, _length, size);
            _length += size;
        }
    }
}

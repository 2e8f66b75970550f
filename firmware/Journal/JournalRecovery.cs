using System;
using System.Collections;
using System.IO;
using DoorController.Hal;

namespace DoorController.Journal
{
    /// <summary>
    /// Boot-time scan of the segment files. Keeps only records whose marker, length and CRC are right and whose id is
    /// above every id before them; sets each segment's logical length to the end of its last valid record and cuts a
    /// torn tail off the last segment (what a power cut left of an append that never committed). Every file is closed
    /// again before this returns.
    /// </summary>
    public sealed class JournalRecovery
    {
        private readonly IFileStore _store;
        private readonly JournalOptions _options;
        private readonly SegmentImage _image;
        private readonly byte[] _header;

        public JournalRecovery(IFileStore store, JournalOptions options, SegmentImage image, byte[] headerBuffer)
        {
            _store = store;
            _options = options;
            _image = image;
            _header = headerBuffer;
        }

        /// <summary>Highest valid id found (0 when none).</summary>
        public long MaxId;

        /// <summary>Damaged regions and stale records skipped.</summary>
        public int CorruptSkipped;

        /// <summary>Bytes after the last valid record of the last segment (torn tail).</summary>
        public int TornBytes;

        /// <summary>Segment files that could not be opened or read.</summary>
        public int Unreadable;

        /// <summary>Fills <paramref name="segments"/> in append order.</summary>
        public void ScanAll(ArrayList segments)
        {
            uint[] numbers = SegmentNumbers();
            for (int i = 0; i < numbers.Length; i++)
            {
                bool isLast = i == numbers.Length - 1;
                SegmentInfo segment = new SegmentInfo();
                segment.Number = numbers[i];
                segment.Name = SegmentNames.Format(_options.FilePrefix, numbers[i]);
                Stream stream = null;
                try
                {
                    stream = _store.Open(segment.Name, false);
                    Scan(stream, segment, isLast);
                }
                catch (Exception)
                {
                    // One unreadable file must not stop the journal: treat it as a full segment without records, so
                    // appends roll past it; it is kept for the next boot to retry, never deleted.
                    Unreadable++;
                    segment.Unreadable = true;
                    segment.Count = 0;
                    segment.FirstId = 0;
                    segment.LastId = 0;
                    segment.Length = _options.SegmentBytes;
                    _image.Invalidate();
                }
                finally
                {
                    if (stream != null)
                    {
                        stream.Dispose();
                    }
                }
                segments.Add(segment);
            }
        }

        private void Scan(Stream stream, SegmentInfo segment, bool isLast)
        {
            long fileLength = stream.Length;
            int available = _image.ReadFrom(stream, _options.SegmentBytes);
            byte[] bytes = _image.Bytes;
            int validEnd = RecordFormat.SegmentHeaderLength;
            int position = validEnd;
            int start;
            int payloadLength;
            while (SegmentParser.TryNext(bytes, available, position, _options.MaxPayloadBytes, out start, out payloadLength))
            {
                position = start + RecordFormat.Overhead + payloadLength;
                long id = RecordFormat.IdAt(bytes, start);
                if (id <= MaxId)
                {
                    CorruptSkipped++;
                    continue;
                }
                if (start != validEnd)
                {
                    CorruptSkipped++;
                }
                MaxId = id;
                segment.Count++;
                if (segment.FirstId == 0)
                {
                    segment.FirstId = id;
                }
                segment.LastId = id;
                validEnd = position;
            }
            segment.Length = validEnd;
            _image.SetCached(segment.Number, validEnd);
            if (!isLast)
            {
                return;
            }
            if (fileLength > validEnd)
            {
                // Cut off what a cut left of an uncommitted append (committed when the caller closes the stream).
                TornBytes += (int)(fileLength - validEnd);
                stream.SetLength(validEnd);
            }
            if (segment.Count == 0 && !HeaderIsValid(bytes, available, segment.Number))
            {
                // Torn at creation: write the header again so the segment is well-formed before it takes records
                // (committed when the caller closes the stream).
                RecordFormat.WriteSegmentHeader(_header, segment.Number);
                stream.Seek(0, SeekOrigin.Begin);
                stream.Write(_header, 0, _header.Length);
                _image.Invalidate();
            }
        }

        private bool HeaderIsValid(byte[] bytes, int available, uint number)
        {
            if (available < RecordFormat.SegmentHeaderLength)
            {
                return false;
            }
            RecordFormat.WriteSegmentHeader(_header, number);
            for (int i = 0; i < _header.Length; i++)
            {
                if (bytes[i] != _header[i])
                {
                    return false;
                }
            }
            return true;
        }

        private uint[] SegmentNumbers()
        {
            string[] names = _store.List(_options.FilePrefix + "-");
            uint[] numbers = new uint[names.Length];
            int count = 0;
            for (int i = 0; i < names.Length; i++)
            {
                uint number;
                if (SegmentNames.TryParse(_options.FilePrefix, names[i], out number))
                {
                    numbers[count++] = number;
                }
            }
            uint[] result = new uint[count];
            Array.Copy(numbers, result, count);
            // Insertion sort: a handful of segments, and no Array.Sort on the device.
            for (int i = 1; i < result.Length; i++)
            {
                uint current = result[i];
                int j = i - 1;
                while (j >= 0 && result[j] > current)
                {
                    result[j + 1] = result[j];
                    j--;
                }
                result[j + 1] = current;
            }
            return result;
        }
    }
}

using System;
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
        public void ScanAll(SegmentTable segments)
        {
            uint[] numbers = SegmentNumbers();
            for (int i = 0; i < numbers.Length; i++)
            {
                bool isLast = i == numbers.Length - 1;
                int segment = segments.Add(numbers[i], 0);
                Stream stream = null;
                try
                {
                    stream = _store.Open(SegmentNames.Format(_options.FilePrefix, numbers[i]), false);
                    Scan(stream, segments, segment, isLast);
                }
                catch (Exception)
                {
                    // One unreadable file must not stop the journal: treat it as a full segment without records, so
                    // appends roll past it; it is kept for the next boot to retry, never deleted.
                    Unreadable++;
                    segments.SetUnreadable(segment, _options.SegmentBytes);
                    _image.Invalidate();
                }
                finally
                {
                    if (stream != null)
                    {
                        stream.Dispose();
                    }
                }
            }
        }

        private void Scan(Stream stream, SegmentTable segments, int segment, bool isLast)
        {
            long fileLength = stream.Length;
            int available = fileLength < _options.SegmentBytes ? (int)fileLength : _options.SegmentBytes;
            uint number = segments.Number(segment);
            _image.Scan(_store, SegmentNames.Format(_options.FilePrefix, number), number, stream, available);
            int records = 0;
            long firstId = 0;
            long lastId = 0;
            int validEnd = RecordFormat.SegmentHeaderLength;
            int position = validEnd;
            int start;
            int payloadLength;
            while (_image.Next(position, out start, out payloadLength))
            {
                position = start + RecordFormat.Overhead + payloadLength;
                long id = RecordFormat.IdAt(_image.Bytes, _image.Offset(start));
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
                records++;
                if (firstId == 0)
                {
                    firstId = id;
                }
                lastId = id;
                validEnd = position;
            }
            segments.SetScanned(segment, validEnd, records, firstId, lastId);
            bool headerValid = records > 0 || HeaderIsValid(number);
            // The stream closes after this scan: from here on the image reads the file by name, up to the valid end.
            _image.Load(_store, _options.FilePrefix, number, validEnd, null);
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
            if (!headerValid)
            {
                // Torn at creation: write the header again so the segment is well-formed before it takes records
                // (committed when the caller closes the stream).
                RecordFormat.WriteSegmentHeader(_header, number);
                stream.Seek(0, SeekOrigin.Begin);
                stream.Write(_header, 0, _header.Length);
                _image.Invalidate();
            }
        }

        private bool HeaderIsValid(uint number)
        {
            RecordFormat.WriteSegmentHeader(_header, number);
            return _image.StartsWith(_header);
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

using System;
using System.IO;
using DoorController.Hal;

namespace DoorController.Journal
{
    /// <summary>
    /// Boot-time scan of the segment files, compact or legacy. Keeps only records whose marker, length and CRC are
    /// right and whose id is above every id before them; sets each segment's logical length to the end of its last
    /// valid record and cuts a torn tail off the last segment (what a power cut left of an append that never
    /// committed); deletes a last segment torn at creation. Every file is closed again before this returns.
    /// </summary>
    public sealed class JournalRecovery
    {
        private readonly IFileStore _store;
        private readonly JournalOptions _options;
        private readonly SegmentImage _image;

        public JournalRecovery(IFileStore store, JournalOptions options, SegmentImage image)
        {
            _store = store;
            _options = options;
            _image = image;
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
            bool tornAtCreation = false;
            for (int i = 0; i < numbers.Length; i++)
            {
                bool isLast = i == numbers.Length - 1;
                int segment = segments.Add(numbers[i], 0);
                Stream stream = null;
                try
                {
                    stream = _store.Open(SegmentNames.Format(_options.FilePrefix, numbers[i]), false);
                    tornAtCreation = Scan(stream, segments, segment, isLast);
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
            if (tornAtCreation)
            {
                ForgetTornLast(segments);
            }
        }

        /// <summary>
        /// The last segment was cut while it was being created (no valid header, hence no record): deleted, so the next
        /// append starts a new one with a header of its own. If it cannot be deleted it is kept and rolled past.
        /// </summary>
        private void ForgetTornLast(SegmentTable segments)
        {
            int last = segments.Count - 1;
            _image.Invalidate();
            try
            {
                _store.Delete(SegmentNames.Format(_options.FilePrefix, segments.Number(last)));
                segments.RemoveAt(last);
            }
            catch (Exception)
            {
                Unreadable++;
                segments.SetUnreadable(last, _options.SegmentBytes);
            }
        }

        /// <summary>Scans one segment; true when it is the last one and was torn at creation (no valid header, so no records).</summary>
        private bool Scan(Stream stream, SegmentTable segments, int segment, bool isLast)
        {
            // The whole file, even past SegmentBytes: a segment written under an earlier plan (larger segments before a
            // firmware update, Contract.BoardFlash) keeps every record; appends never go past SegmentBytes.
            long fileLength = stream.Length;
            int available = fileLength < int.MaxValue ? (int)fileLength : int.MaxValue;
            uint number = segments.Number(segment);
            _image.Scan(_store, SegmentNames.Format(_options.FilePrefix, number), number, stream, available);
            int version = SegmentHeader.Version(_image.Header);
            int records = 0;
            long firstId = 0;
            long lastId = 0;
            int validEnd = SegmentHeader.FirstRecord(_image.Header);
            int position = validEnd;
            int start;
            int size;
            while (_image.Next(position, out start, out size))
            {
                position = start + size;
                long id = _image.IdOf(start, size);
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
            if (version != SegmentHeader.Compact)
            {
                segments.SetSealed(segment);
            }
            // The stream closes after this scan: from here on the image reads the file by name, up to the valid end.
            _image.Load(_store, _options.FilePrefix, number, validEnd, null);
            if (!isLast || version == SegmentHeader.NoHeader)
            {
                return isLast;
            }
            if (fileLength > validEnd)
            {
                // Cut off what a cut left of an uncommitted append (committed when the caller closes the stream).
                TornBytes += (int)(fileLength - validEnd);
                stream.SetLength(validEnd);
            }
            return false;
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

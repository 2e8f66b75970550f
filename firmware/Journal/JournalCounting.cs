using System.Collections;
using System.IO;
using DoorController.Hal;

namespace DoorController.Journal
{
    /// <summary>
    /// Counts live records in an id range, with the same rule as replay: a record counts only if its id is above every
    /// id before it, so a stale or duplicated record is never counted twice nor handed out.
    /// </summary>
    public static class JournalCounting
    {
        /// <summary>Records with <paramref name="low"/> &lt; id &lt;= <paramref name="high"/>.</summary>
        public static int CountInRange(ArrayList segments, SegmentImage image, IFileStore store, Stream active, long low, long high)
        {
            int count = 0;
            long last = low;
            for (int i = 0; i < segments.Count; i++)
            {
                SegmentInfo segment = (SegmentInfo)segments[i];
                if (segment.Count == 0 || segment.LastId <= last)
                {
                    continue;
                }
                if (segment.FirstId > high)
                {
                    break;
                }
                if (segment.FirstId > last && segment.LastId <= high)
                {
                    count += segment.Count;
                    last = segment.LastId;
                    continue;
                }
                bool isActive = i == segments.Count - 1;
                image.Load(store, segment, isActive ? active : null);
                int position = RecordFormat.SegmentHeaderLength;
                int start;
                int payloadLength;
                while (image.Next(position, out start, out payloadLength))
                {
                    position = start + RecordFormat.Overhead + payloadLength;
                    long id = RecordFormat.IdAt(image.Bytes, start);
                    if (id <= last)
                    {
                        continue;
                    }
                    if (id > high)
                    {
                        return count;
                    }
                    count++;
                    last = id;
                }
            }
            return count;
        }
    }
}

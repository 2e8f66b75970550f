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
        public static int CountInRange(SegmentTable segments, SegmentImage image, IFileStore store, string prefix, Stream active, long low, long high)
        {
            int count = 0;
            long last = low;
            for (int i = 0; i < segments.Count; i++)
            {
                if (segments.Records(i) == 0 || segments.LastId(i) <= last)
                {
                    continue;
                }
                if (segments.FirstId(i) > high)
                {
                    break;
                }
                if (segments.FirstId(i) > last && segments.LastId(i) <= high)
                {
                    count += segments.Records(i);
                    last = segments.LastId(i);
                    continue;
                }
                bool isActive = i == segments.Count - 1;
                image.Load(store, prefix, segments.Number(i), segments.Length(i), isActive ? active : null);
                int position = 0;
                int start;
                int size;
                while (image.Next(position, out start, out size))
                {
                    position = start + size;
                    long id = image.IdOf(start, size);
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

using System;
using System.Diagnostics;
using System.IO;
using System.Linq;

namespace DoorController.Bench
{
    /// <summary>
    /// The disk's own sync latency at the time of a run, beside the database: 8 KiB written in place and flushed
    /// (<see cref="FileStream.Flush(bool)"/>, fsync) over and over, as a group commit appends a few pages to the WAL and
    /// syncs it. What the commit stage cannot go below; on a shared machine it changes from minute to minute.
    /// </summary>
    public static class FsyncFloor
    {
        public static (double P50, double P99, double Max, int Count) Measure(string directory, TimeSpan duration)
        {
            string path = Path.Combine(directory, "fsync-floor.tmp");
            var block = new byte[8192];
            var latencies = new System.Collections.Generic.List<double>();
            try
            {
                using var f = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1, FileOptions.None);
                f.Write(new byte[block.Length * 256]);
                f.Flush(true);
                var run = Stopwatch.StartNew();
                for (int i = 0; run.Elapsed < duration; i++)
                {
                    long t0 = Stopwatch.GetTimestamp();
                    f.Position = (i % 256) * (long)block.Length;
                    f.Write(block);
                    f.Flush(true);
                    latencies.Add((Stopwatch.GetTimestamp() - t0) * 1000.0 / Stopwatch.Frequency);
                }
            }
            finally
            {
                File.Delete(path);
            }
            var sorted = latencies.OrderBy(x => x).ToArray();
            return (sorted[sorted.Length / 2], sorted[Math.Min(sorted.Length - 1, (int)(0.99 * sorted.Length))], sorted[^1], sorted.Length);
        }
    }
}

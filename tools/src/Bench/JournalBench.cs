using System;
using System.Diagnostics;
using System.IO;
using DoorController.Hal;
using DoorController.Hal.Host;
using DoorController.Journal;
using DoorController.Contract;

namespace DoorController.Bench
{
    /// <summary>
    /// tools/bench journal: append throughput on the host directory store (each append committed by closing its segment
    /// file, as on LittleFS, and batched), stored bytes of a typical access decision, recovery time of a full journal,
    /// allocation per append, and what a commit per append costs on the ESP32's flash.
    /// </summary>
    public static class JournalBench
    {
        private const int BatchSize = 100;

        public static string Run(BenchContext ctx)
        {
            AccessDecisionEvent decision = JournalBudget.TypicalOfflineGrant();
            int bytesPerEvent = JournalBudget.BytesPerOfflineGrant();

            double flushedPerSecond = Throughput(ctx, "flushed", true, decision, TimeSpan.FromSeconds(3));
            double batchedPerSecond = Throughput(ctx, "batched", false, decision, TimeSpan.FromSeconds(3));
            long allocPerAppend = AllocationPerAppend(ctx, decision);

            // Recovery: a full 1 MB journal (16 x 64 KB) and the default 96 KB one, never acknowledged.
            double megabyteMs = RecoveryMilliseconds(ctx, "recover-1mb", Sized(65536, 16), decision, out int recoveredBig, out int bigBytes);
            double msPerMb = megabyteMs * (1024.0 * 1024.0) / bigBytes;
            double defaultMs = RecoveryMilliseconds(ctx, "recover-default", new JournalOptions(), decision, out int recoveredDefault, out int defaultBytes);

            var defaults = new JournalOptions();
            ctx.ReportLines.Add("| measure | value |");
            ctx.ReportLines.Add("|---|---|");
            ctx.ReportLines.Add("| appends/s, each committed by closing its segment (open, append, close with fsync; CommitEachAppend, the default) | " + (long)flushedPerSecond + " |");
            ctx.ReportLines.Add("| appends/s, committed every " + BatchSize + " appends (ack every " + 10 * BatchSize + ") | " + (long)batchedPerSecond + " |");
            ctx.ReportLines.Add("| stored bytes per typical access decision (" + RecordFormat.TypicalOverhead + " B framing + payload with the 7-byte hash prefix) | " + bytesPerEvent + " |");
            ctx.ReportLines.Add("| default capacity | " + defaults.MaxSegments + " x " + defaults.SegmentBytes + " B = "
                + (defaults.MaxSegments * defaults.SegmentBytes / 1024) + " KB, about " + recoveredDefault + " such events |");
            ctx.ReportLines.Add("| recovery of a full default journal (" + defaultBytes / 1024 + " KB, " + recoveredDefault + " records) | " + defaultMs.ToString("F1") + " ms |");
            ctx.ReportLines.Add("| recovery of a full 1 MB journal (" + recoveredBig + " records) | " + megabyteMs.ToString("F1") + " ms |");
            ctx.ReportLines.Add("| managed allocation per append (host, Append only, segment rolls amortised) | " + allocPerAppend + " B |");
            ctx.ReportLines.Add("");
            ctx.ReportLines.Add("Host figures (.NET 10, files in a directory). On the ESP32 a committed append costs what LittleFS does to reopen "
                + "and extend a file (lfs_ctz_extend): the segment's partly filled last block is copied into a freshly erased block, then the "
                + "directory entry is committed. " + DeviceEstimate() + " See [hardware.md](hardware.md#writes-and-wear) for the wear this causes.");

            return "bench journal: appends_per_s=" + (long)batchedPerSecond + " committed_appends_per_s=" + (long)flushedPerSecond
                + " device_committed_appends_per_s_estimate=" + (long)Math.Round(1000 / DeviceMsPerAppend) + " bytes_per_event=" + bytesPerEvent
                + " recovery_ms_per_mb=" + (long)Math.Round(msPerMb) + " alloc_bytes_per_append=" + allocPerAppend;
        }

        // Typical SPI NOR timings (32 Mbit parts on ESP32 modules): 4 KB sector erase 45 ms (up to 400 ms), 256-byte page
        // program 0.7 ms.
        private const double EraseMs = 45, PageProgramMs = 0.7;

        /// <summary>Pages programmed per committed append: the copied half block on average, the record, a metadata commit.</summary>
        private const double PagesPerAppend = 2048 / 256.0 + 1 + 1;

        /// <summary>Device cost of one committed append: one block erase and <see cref="PagesPerAppend"/> page programs.</summary>
        private const double DeviceMsPerAppend = EraseMs + PagesPerAppend * PageProgramMs;

        private static string DeviceEstimate()
        {
            double pages = PagesPerAppend;
            double ms = DeviceMsPerAppend;
            return "Per append: one 4 KB erase (" + EraseMs + " ms typical) and about " + pages + " page programs (" + PageProgramMs
                + " ms each) = about " + ms.ToString("F0") + " ms, so about " + (1000 / ms).ToString("F0") + " committed appends/s at most; "
                + "a door sees a few a minute.";
        }

        private static JournalOptions Sized(int segmentBytes, int segments)
        {
            return new JournalOptions { SegmentBytes = segmentBytes, MaxSegments = segments };
        }

        private static EventJournal OpenFresh(BenchContext ctx, string name, JournalOptions options, out DirectoryFileStore store)
        {
            string dir = Path.Combine(ctx.ScratchDirectory, name);
            if (Directory.Exists(dir)) Directory.Delete(dir, true);
            store = new DirectoryFileStore(dir);
            var journal = new EventJournal(store, new BenchClock(), options);
            if (!journal.Open()) throw new InvalidOperationException("journal did not open in " + dir);
            return journal;
        }

        /// <summary>Appends for about <paramref name="duration"/>, acknowledging as a link would so the journal never fills.</summary>
        private static double Throughput(BenchContext ctx, string name, bool flushEach, AccessDecisionEvent decision, TimeSpan duration)
        {
            var options = new JournalOptions { CommitEachAppend = flushEach };
            EventJournal journal = OpenFresh(ctx, name, options, out _);
            long count = 0;
            var watch = Stopwatch.StartNew();
            while (watch.Elapsed < duration)
            {
                for (int i = 0; i < BatchSize; i++)
                {
                    if (journal.Append(EventType.AccessDecision, decision, RecordFlags.None) == EventId.None)
                        throw new InvalidOperationException("append dropped during the throughput run");
                }
                if (!flushEach && !journal.Commit()) throw new InvalidOperationException("flush failed");
                count += BatchSize;
                if (count % (10 * BatchSize) == 0) journal.Acknowledge(journal.LastId);
            }
            double perSecond = count / watch.Elapsed.TotalSeconds;
            ctx.Progress(name + ": " + count + " appends in " + watch.ElapsedMilliseconds + " ms");
            journal.Close();
            return perSecond;
        }

        /// <summary>Managed bytes allocated by Append itself (segment rolls included), flush and ack excluded.</summary>
        private static long AllocationPerAppend(BenchContext ctx, AccessDecisionEvent decision)
        {
            var options = new JournalOptions { CommitEachAppend = false };
            EventJournal journal = OpenFresh(ctx, "alloc", options, out _);
            for (int i = 0; i < 2000; i++) journal.Append(EventType.AccessDecision, decision, RecordFlags.None);
            journal.Acknowledge(journal.LastId);
            long allocated = 0;
            int appends = 0;
            for (int round = 0; round < 50; round++)
            {
                long before = GC.GetAllocatedBytesForCurrentThread();
                for (int i = 0; i < 400; i++)
                {
                    journal.Append(EventType.AccessDecision, decision, RecordFlags.None);
                }
                allocated += GC.GetAllocatedBytesForCurrentThread() - before;
                appends += 400;
                journal.Commit();
                journal.Acknowledge(journal.LastId);
            }
            journal.Close();
            return allocated / appends;
        }

        /// <summary>Fills a journal until it drops, then times Open() on a new instance over the same files.</summary>
        private static double RecoveryMilliseconds(BenchContext ctx, string name, JournalOptions options, AccessDecisionEvent decision, out int recovered, out int bytes)
        {
            options.CommitEachAppend = false;
            EventJournal journal = OpenFresh(ctx, name, options, out DirectoryFileStore store);
            int appended = 0;
            while (journal.Append(EventType.AccessDecision, decision, RecordFlags.None) != EventId.None) appended++;
            journal.Close();
            bytes = Math.Max(1, journal.UsedBytes);
            double best = double.MaxValue;
            recovered = 0;
            for (int run = 0; run < 5; run++)
            {
                var fresh = new EventJournal(store, new BenchClock(), options);
                var watch = Stopwatch.StartNew();
                if (!fresh.Open()) throw new InvalidOperationException("recovery failed");
                best = Math.Min(best, watch.Elapsed.TotalMilliseconds);
                recovered = fresh.RecoveredRecords;
                fresh.Close();
                // Everything appended plus the journal_overflow record written at the first drop.
                if (recovered != appended + 1) throw new InvalidOperationException("recovered " + recovered + " of " + (appended + 1) + " records");
            }
            ctx.Progress(name + ": " + recovered + " records, " + bytes + " bytes, best of 5 recoveries " + best.ToString("F2") + " ms");
            return best;
        }

        internal sealed class BenchClock : IClock
        {
            private readonly Stopwatch _uptime = Stopwatch.StartNew();
            public DateTime UtcNow => DateTime.UtcNow;
            public long UptimeMilliseconds => _uptime.ElapsedMilliseconds;
        }
    }
}

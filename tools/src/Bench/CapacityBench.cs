using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using DoorController.Access;
using DoorController.Bench.Heap;
using DoorController.Contract;
using DoorController.Hal.Host;
using DoorController.Journal;
using DoorController.Server.Sync;

namespace DoorController.Bench
{
    /// <summary>
    /// tools/bench capacity: what fits on each board (Contract.BoardFlash), computed from the real formats — the
    /// server's bundle builder for the reference site (<see cref="ReferenceSite"/>) grown until its full bundle no
    /// longer fits the board's cache file, the journal filled with the controller's offline grants until it drops —
    /// and the flash spent per credential at 50,000. Rewrites the table in docs/hardware.md and its section in
    /// docs/benchmarks.md.
    /// </summary>
    public static class CapacityBench
    {
        private const int Goal50k = 50000;
        private const double GoalBytesPerCredential = 20;
        private const int EnduranceCycles = 100000;
        private const int EventsPerDay = 1000;
        private static readonly int[] Boards = { 4, 8, 16 };

        private sealed class Sites
        {
            private readonly Dictionary<int, StoreImage> _built = new Dictionary<int, StoreImage>();
            public int Builds;

            public StoreImage Of(int people)
            {
                if (!_built.TryGetValue(people, out StoreImage store))
                {
                    var site = new ReferenceSite(people);
                    store = ControllerBundleBuilder.Collect(site.Snapshot, new AccessOptions(), ReferenceSite.DeviceId);
                    _built[people] = store;
                    Builds++;
                }
                return store;
            }
        }

        private sealed class Fit
        {
            public BoardFlash Plan;
            public int People;
            public StoreImage Store;
            public int Events;
            public int RotationBlocks;
        }

        public static string Run(BenchContext ctx)
        {
            var sites = new Sites();
            var fits = new List<Fit>();
            foreach (int mb in Boards)
            {
                BoardFlash plan = BoardFlash.For(mb);
                int people = LargestSiteThatFits(sites, plan.MaxBodyBytes);
                StoreImage store = sites.Of(people);
                CheckInstallable(store, plan);
                var fit = new Fit
                {
                    Plan = plan,
                    People = people,
                    Store = store,
                    Events = JournalEvents(ctx, plan),
                    // Blocks LittleFS can allocate for copy-on-write: all but metadata, nanoFramework's files, the
                    // configuration file and the installed cache.
                    RotationBlocks = plan.Blocks - BoardFlash.MetadataBlocks - BoardFlash.DeviceConfigurationBlocks
                        - BoardFlash.BlocksFor(BoardFlash.ConfigFileBytes) - plan.CacheFileBlocks,
                };
                ctx.Progress(mb + " MB: " + store.Count + " credentials (" + people + " people), " + fit.Events + " journal events");
                fits.Add(fit);
            }

            int people50k = SmallestSiteWith(sites, Goal50k);
            StoreImage at50k = sites.Of(people50k);
            byte[] body50k = ControllerBundleBuilder.BuildFull(at50k, BenchController.DeviceKey, ReferenceSite.SiteKey, 1);
            if (body50k.Length != CacheBody.Length(at50k)) throw new InvalidOperationException("CacheBody.Length disagrees with the built body");
            double perCredential = (double)body50k.Length / at50k.Count;
            long onFlash = BoardFlash.BlocksFor(body50k.Length + BoardFlash.CacheFileHeaderBytes) * (long)BoardFlash.BlockBytes;
            ctx.Progress(at50k.Count + " credentials: body " + body50k.Length + " B, " + sites.Builds + " sites built");

            Requirement need = FourMegabyteGoal(sites);
            ctx.Progress("4 MB goal: " + need.Describe());

            WriteHardwareTable(ctx, fits, at50k, body50k.Length, onFlash, need);
            Report(ctx, fits, at50k, body50k.Length, onFlash, need);

            Fit four = fits[0], sixteen = fits[2];
            if (perCredential > GoalBytesPerCredential) throw new InvalidOperationException("over 20 bytes per credential at 50,000: " + perCredential.ToString("F2"));
            var line = new StringBuilder("bench capacity:");
            foreach (Fit f in fits)
            {
                line.Append(" credentials_" + f.Plan.FlashMegabytes + "mb=" + f.Store.Count + " events_" + f.Plan.FlashMegabytes + "mb=" + f.Events);
            }
            line.Append(" bytes_per_credential_50k=" + perCredential.ToString("F2"));
            line.Append(" goals_4mb_met=" + (four.Store.Count >= 10000 && four.Events >= 2000 ? "yes" : "no"));
            line.Append(" goal_16mb_met=" + (sixteen.Store.Count >= 100000 ? "yes" : "no"));
            line.Append(" goal_4mb_max_bytes_per_event=" + need.MaxBytesPerEvent + " bytes_per_event=" + StoredBytesPerEvent());
            return line.ToString();
        }

        /// <summary>What a 4 MB board would need to meet issue 14's goal (10,000 credentials beside 2,000 journal events).</summary>
        private sealed class Requirement
        {
            public int Credentials;
            public int CacheFileBlocks;
            public int JournalBlocks;
            public int MaxBytesPerEvent;
            public int BlocksToday;

            public string Describe() => Credentials.ToString("N0") + " credentials take a " + CacheFileBlocks + "-block cache file; with one block of install room the journal keeps "
                + JournalBlocks + " blocks: at most " + MaxBytesPerEvent + " B per event for 2,000 (today " + StoredBytesPerEvent() + " B). Two full copies, as an install needs today, would take "
                + BlocksToday + " of the board's " + BoardFlash.For(4).Blocks + " blocks";
        }

        private const int GoalCredentials4mb = 10000;
        private const int GoalEvents4mb = 2000;

        /// <summary>
        /// The most a 4 MB board could give its journal if it held one 10,000-credential cache file (the reference
        /// site, built by the server) and needed only one spare block to install the next (a sharded install), and the
        /// journal record size that would then fit 2,000 events in one-block segments, one of them kept free for the
        /// drop-oldest rotation.
        /// </summary>
        private static Requirement FourMegabyteGoal(Sites sites)
        {
            BoardFlash plan = BoardFlash.For(4);
            StoreImage store = sites.Of(SmallestSiteWith(sites, GoalCredentials4mb));
            int cacheBlocks = BoardFlash.BlocksFor(CacheBody.Length(store) + BoardFlash.CacheFileHeaderBytes);
            int journalBlocks = plan.Blocks - plan.ReservedBlocks - cacheBlocks - 1;
            int perSegment = BoardFlash.BlockBytes - SegmentHeader.Length;
            return new Requirement
            {
                Credentials = store.Count,
                CacheFileBlocks = cacheBlocks,
                JournalBlocks = journalBlocks,
                MaxBytesPerEvent = journalBlocks <= 1 ? 0 : (journalBlocks - 1) * perSegment / GoalEvents4mb,
                BlocksToday = 2 * cacheBlocks,
            };
        }

        /// <summary>Largest number of reference-site people whose full bundle body is at most <paramref name="maxBody"/>
        /// (a body grows with every person, so the answer is the boundary).</summary>
        private static int LargestSiteThatFits(Sites sites, int maxBody)
        {
            int low = 0, high = 1000;
            while (CacheBody.Length(sites.Of(high)) <= maxBody)
            {
                low = high;
                high *= 2;
            }
            while (high - low > 1)
            {
                // Bodies grow about linearly with people: interpolate, then probe the neighbour to close in.
                long atLow = CacheBody.Length(sites.Of(low)), atHigh = CacheBody.Length(sites.Of(high));
                int mid = (int)Math.Clamp(low + (maxBody - atLow) * (high - low) / Math.Max(1, atHigh - atLow), low + 1, high - 1);
                if (CacheBody.Length(sites.Of(mid)) <= maxBody)
                {
                    low = mid;
                    if (mid + 1 < high && CacheBody.Length(sites.Of(mid + 1)) > maxBody) high = mid + 1;
                }
                else
                {
                    high = mid;
                    if (mid - 1 > low && CacheBody.Length(sites.Of(mid - 1)) <= maxBody) low = mid - 1;
                }
            }
            return low;
        }

        private static int SmallestSiteWith(Sites sites, int credentials)
        {
            int people = (int)(credentials / 1.33);
            while (sites.Of(people).Count < credentials) people += 50;
            while (people > 0 && sites.Of(people - 1).Count >= credentials) people--;
            return people;
        }

        /// <summary>The store the board would install opens on the controller's reader and answers for its credentials.</summary>
        private static void CheckInstallable(StoreImage store, BoardFlash plan)
        {
            if (CacheBody.Length(store) > plan.MaxBodyBytes) throw new InvalidOperationException("does not fit");
            var file = new MemoryStream();
            store.WriteTo(file, 1);
            var reader = new FileCredentialDirectory(file, 0, FileCredentialDirectory.DefaultIndexEntries);
            if (reader.Status != ReasonCode.Granted || reader.Count != store.Count) throw new InvalidOperationException("store does not open: " + reader.Status);
            var info = new CredentialInfo();
            byte[] hash = new byte[32];
            Array.Copy(store.Records, (store.Count / 2) * CredentialStoreFormat.RecordSize, hash, 0, CredentialStoreFormat.HashBytes);
            if (reader.Find(hash, 0, info) != ReasonCode.Granted) throw new InvalidOperationException("a stored credential is not found");
        }

        /// <summary>Offline grants appended to the board's journal (segments and sizes from its plan) until it drops.</summary>
        private static int JournalEvents(BenchContext ctx, BoardFlash plan)
        {
            string dir = Path.Combine(ctx.ScratchDirectory, "journal-" + plan.FlashMegabytes);
            var options = new JournalOptions { MaxSegments = plan.JournalSegments, SegmentBytes = plan.JournalSegmentBytes, CommitEachAppend = false };
            var journal = new EventJournal(new DirectoryFileStore(dir), new JournalBench.BenchClock(), options);
            if (!journal.Open()) throw new InvalidOperationException("journal did not open");
            AccessDecisionEvent grant = JournalBench.TypicalDecision();
            int stored = 0;
            while (journal.Append(EventType.AccessDecision, grant, RecordFlags.None) != EventId.None) stored++;
            journal.Close();
            return stored;
        }

        private static double EnduranceYears(Fit f) => (double)EnduranceCycles * f.RotationBlocks / EventsPerDay / 365.0;

        private static void WriteHardwareTable(BenchContext ctx, List<Fit> fits, StoreImage at50k, int body50k, long onFlash50k, Requirement need)
        {
            var t = new StringBuilder();
            t.AppendLine("| | 4 MB board | 8 MB board | 16 MB board |");
            t.AppendLine("|---|---|---|---|");
            Row(t, "file system I: (nanoFramework partition table)", fits, f => f.Plan.FileSystemBytes / 1024 + " KB = " + f.Plan.Blocks + " blocks");
            Row(t, "set aside: LittleFS metadata + spare, nanoFramework config (Wi-Fi, certificates), controller config + its temporary copy, delta staging",
                fits, f => f.Plan.ReservedBlocks + " blocks (" + BoardFlash.MetadataBlocks + " + " + BoardFlash.SpareBlocks + ", " + BoardFlash.DeviceConfigurationBlocks
                    + ", 2 x " + BoardFlash.BlocksFor(BoardFlash.ConfigFileBytes) + ", " + BoardFlash.DeltaStagingBlocks + ")");
            Row(t, "journal", fits, f => f.Plan.JournalSegments + " segments x " + f.Plan.JournalSegmentBlocks + " blocks = " + f.Plan.JournalBlocks + " blocks");
            Row(t, "**journal events that fit** (offline grants, " + StoredBytesPerEvent() + " B each)", fits, f => "**" + f.Events.ToString("N0") + "**");
            Row(t, "cache: installed file + room for the next (blocks each)", fits, f => "2 x " + f.Plan.CacheFileBlocks);
            Row(t, "largest bundle body the controller installs", fits, f => f.Plan.MaxBodyBytes.ToString("N0") + " B");
            Row(t, "largest delta it stages", fits, f => f.Plan.MaxDeltaBytes.ToString("N0") + " B");
            Row(t, "**credentials that fit** (reference site: people, profiles, permission sets)", fits,
                f => "**" + f.Store.Count.ToString("N0") + "** (" + f.People.ToString("N0") + ", " + f.Store.Layout.Profiles + ", " + f.Store.Layout.Sets + ")");
            Row(t, "blocks in copy-on-write rotation; flash life at " + EventsPerDay.ToString("N0") + " events a day (" + EnduranceCycles.ToString("N0") + " erase cycles)",
                fits, f => f.RotationBlocks + "; about " + EnduranceYears(f).ToString("F0") + " years");
            t.AppendLine();
            t.AppendLine("At " + at50k.Count.ToString("N0") + " credentials (the reference site, " + at50k.Layout.Profiles + " profiles, " + at50k.Layout.Sets
                + " permission sets) the full bundle body is " + body50k.ToString("N0") + " B: **" + ((double)body50k / at50k.Count).ToString("F2")
                + " B per credential** (format 1: 32), " + ((double)onFlash50k / at50k.Count).ToString("F2") + " B of flash per credential as the installed file's blocks.");
            t.AppendLine();
            t.AppendLine("4 MB goal (" + GoalCredentials4mb.ToString("N0") + " credentials beside " + GoalEvents4mb.ToString("N0") + " events): " + need.Describe() + ".");

            DocMarkers.Rewrite(Path.Combine(ctx.RepoRoot, "docs", "hardware.md"), "capacity", t.ToString());
        }

        private static void Row(StringBuilder t, string name, List<Fit> fits, Func<Fit, string> cell)
        {
            t.Append("| ").Append(name);
            foreach (Fit f in fits) t.Append(" | ").Append(cell(f));
            t.AppendLine(" |");
        }

        /// <summary>The journal's own figure for an offline grant (the seam the capacity plan reads; docs/journal.md).</summary>
        private static int StoredBytesPerEvent() => JournalBench.StoredBytes(JournalBench.TypicalDecision());

        private static void Report(BenchContext ctx, List<Fit> fits, StoreImage at50k, int body50k, long onFlash50k, Requirement need)
        {
            ctx.ReportLines.Add("Per board (plans in `firmware/Contract/Capacity/BoardFlash.cs`; table with the reserved blocks in [hardware.md](hardware.md)): "
                + "credentials that fit = the largest reference site (`tools/src/Bench/Heap/ReferenceSite.cs`) whose full bundle, built by the server's "
                + "`ControllerBundleBuilder`, is within the board's largest body; events = offline grants appended to a journal with the board's "
                + "segments until it drops.");
            ctx.ReportLines.Add("");
            ctx.ReportLines.Add("| board | credentials | people | journal events | largest body | rotation blocks |");
            ctx.ReportLines.Add("|---|---|---|---|---|---|");
            foreach (Fit f in fits)
            {
                ctx.ReportLines.Add("| " + f.Plan.FlashMegabytes + " MB | " + f.Store.Count + " | " + f.People + " | " + f.Events + " | " + f.Plan.MaxBodyBytes
                    + " B | " + f.RotationBlocks + " |");
            }
            ctx.ReportLines.Add("");
            ctx.ReportLines.Add(at50k.Count + " credentials: body " + body50k + " B = " + ((double)body50k / at50k.Count).ToString("F2") + " B per credential ("
                + ((double)onFlash50k / at50k.Count).ToString("F2") + " B of flash blocks); issue 14 measured format 1 at 32.");
            ctx.ReportLines.Add("");
            ctx.ReportLines.Add("4 MB goal: " + need.Describe() + ".");
        }
    }
}

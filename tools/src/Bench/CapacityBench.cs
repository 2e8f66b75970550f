using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using DoorController.Access;
using DoorController.Bench.Heap;
using DoorController.Contract;
using DoorController.Controller;
using DoorController.Link.Bundles;
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
                BoardFlash plan = JournalBudget.Plan(mb);
                int people = LargestSiteThatFits(sites, plan);
                StoreImage store = sites.Of(people);
                CheckInstallable(ctx, store, plan);
                var fit = new Fit
                {
                    Plan = plan,
                    People = people,
                    Store = store,
                    Events = JournalEvents(ctx, plan),
                    // Blocks LittleFS can allocate for copy-on-write: all but metadata, nanoFramework's files, the
                    // configuration file and the installed cache.
                    RotationBlocks = plan.Blocks - BoardFlash.MetadataBlocks - BoardFlash.DeviceConfigurationBlocks
                        - BoardFlash.BlocksFor(BoardFlash.ConfigFileBytes) - plan.CacheInstalledBlocks(store, out _),
                };
                ctx.Progress(mb + " MB: " + store.Count + " credentials (" + people + " people), " + fit.Events + " journal events");
                fits.Add(fit);
            }

            int people50k = SmallestSiteWith(sites, Goal50k);
            StoreImage at50k = sites.Of(people50k);
            byte[] body50k = ControllerBundleBuilder.BuildFull(at50k, BenchController.DeviceKey, ReferenceSite.SiteKey, 1);
            if (body50k.Length != CacheBody.Length(at50k)) throw new InvalidOperationException("CacheBody.Length disagrees with the built body");
            double perCredential = (double)body50k.Length / at50k.Count;
            long onFlash = JournalBudget.Plan(16).CacheInstalledBlocks(at50k, out _) * (long)BoardFlash.BlockBytes;
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
            line.Append(" goal_4mb_spare_blocks=" + need.SpareBlocks + " goal_4mb_max_bytes_per_event=" + need.MaxBytesPerEvent + " bytes_per_event=" + JournalBudget.BytesPerOfflineGrant());
            return line.ToString();
        }

        /// <summary>How a 4 MB board meets issue 14's goal (10,000 credentials beside 2,000 journal events), and by how much.</summary>
        private sealed class Requirement
        {
            public int Credentials;
            public int CacheBlocks;
            public int PlanCacheBlocks;
            public int MaxBytesPerEvent;

            public int SpareBlocks => PlanCacheBlocks - CacheBlocks;

            public string Describe() => Credentials.ToString("N0") + " credentials take " + CacheBlocks + " of the cache's " + PlanCacheBlocks
                + " blocks as a sharded cache with room to install the next (" + SpareBlocks + " spare) beside a journal sized for 2,000 events; "
                + (MaxBytesPerEvent > 0 ? "they would still fit with offline grants of up to " + MaxBytesPerEvent + " B" : "no journal record size leaves them room")
                + " (today " + JournalBudget.BytesPerOfflineGrant() + " B)";
        }

        private const int GoalCredentials4mb = 10000;
        private const int GoalEvents4mb = 2000;

        /// <summary>
        /// The blocks the 10,000-credential reference site takes on the 4 MB plan, and the largest journal record (bytes
        /// per offline grant) with which that plan — journal sized for 2,000 events, the cache taking the rest as one
        /// sharded copy — still holds it.
        /// </summary>
        private static Requirement FourMegabyteGoal(Sites sites)
        {
            StoreImage store = sites.Of(SmallestSiteWith(sites, GoalCredentials4mb));
            int max = 0;
            for (int bytes = JournalBudget.BytesPerOfflineGrant(); bytes <= 80 && BoardFlash.For(4, bytes).Fits(store); bytes++)
            {
                max = bytes;
            }
            BoardFlash plan = JournalBudget.Plan(4);
            return new Requirement
            {
                Credentials = store.Count,
                CacheBlocks = plan.CacheBlocksNeeded(store),
                PlanCacheBlocks = plan.CacheBlocks,
                MaxBytesPerEvent = max,
            };
        }

        /// <summary>Largest number of reference-site people whose sharded cache the board can hold and install
        /// (<see cref="BoardFlash.Fits"/>; a cache grows with every person, so the answer is the boundary).</summary>
        private static int LargestSiteThatFits(Sites sites, BoardFlash plan)
        {
            int low = 0, high = 1000;
            while (plan.Fits(sites.Of(high)))
            {
                low = high;
                high *= 2;
            }
            while (high - low > 1)
            {
                int mid = low + (high - low) / 2;
                if (plan.Fits(sites.Of(mid))) low = mid; else high = mid;
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

        /// <summary>
        /// The cache installs on the controller's own path — the link, in place, into the plan's shards — answers for
        /// its credentials, and its files take the blocks the plan counted.
        /// </summary>
        private static void CheckInstallable(BenchContext ctx, StoreImage store, BoardFlash plan)
        {
            if (!plan.Fits(store)) throw new InvalidOperationException("does not fit");
            string dir = Path.Combine(ctx.ScratchDirectory, "cache-" + plan.FlashMegabytes);
            if (Directory.Exists(dir)) Directory.Delete(dir, true);
            var files = new DirectoryFileStore(dir);
            var cache = new OfflineCache(files, BenchController.DeviceKey, new AccessOptions(), new JournalBench.BenchClock()) { ShardBits = plan.CacheShardBits };
            var link = new BundleAssembler(files, BenchController.DeviceKey, cache);
            link.Load();
            byte[] body = ControllerBundleBuilder.BuildFull(store, BenchController.DeviceKey, ReferenceSite.SiteKey, 1);
            var info = new BundleInfo { Kind = BundleKind.Full, ContentType = 1, Version = 1, IssuedAt = ReferenceSite.Now, MaxOfflineSeconds = 3600 };
            BundleStatus status = BundleStatus.Malformed;
            foreach (byte[] chunk in BundleChunk.Split(BenchController.DeviceKey, info, body)) status = link.Accept(chunk);
            if (status != BundleStatus.Installed || !cache.Complete || cache.CredentialCount != store.Count)
                throw new InvalidOperationException("sharded install: " + status + " " + link.LastError + " " + cache.Detail);
            int blocks = 0;
            foreach (string file in Directory.GetFiles(dir)) blocks += BoardFlash.BlocksFor(new FileInfo(file).Length);
            if (blocks != plan.CacheInstalledBlocks(store, out _)) throw new InvalidOperationException("the installed files take " + blocks + " blocks, the plan counted " + plan.CacheInstalledBlocks(store, out _));
            var found = new CredentialInfo();
            byte[] hash = new byte[32];
            Array.Copy(store.Records, (store.Count / 2) * CredentialStoreFormat.RecordSize, hash, 0, CredentialStoreFormat.HashBytes);
            if (cache.Pipeline.Sources.Credentials.Find(hash, 0, found) != ReasonCode.Granted) throw new InvalidOperationException("a stored credential is not found");
            cache.ReleaseStore();
        }

        /// <summary>Offline grants appended to the board's journal (segments and sizes from its plan) until it drops, one
        /// every <see cref="OfflineGrantSpacingMs"/> as at a busy door, so each record's clock deltas take their real size.</summary>
        private static int JournalEvents(BenchContext ctx, BoardFlash plan)
        {
            string dir = Path.Combine(ctx.ScratchDirectory, "journal-" + plan.FlashMegabytes);
            var options = new JournalOptions { MaxSegments = plan.JournalSegments, SegmentBytes = plan.JournalSegmentBytes, CommitEachAppend = false };
            var clock = new SteppedClock();
            var journal = new EventJournal(new DirectoryFileStore(dir), clock, options);
            if (!journal.Open()) throw new InvalidOperationException("journal did not open");
            AccessDecisionEvent grant = JournalBudget.TypicalOfflineGrant();
            int stored = 0;
            while (journal.Append(EventType.AccessDecision, grant, RecordFlags.None) != EventId.None)
            {
                stored++;
                clock.UptimeMilliseconds += OfflineGrantSpacingMs;
            }
            journal.Close();
            return stored;
        }

        private const int OfflineGrantSpacingMs = 30000;

        private sealed class SteppedClock : DoorController.Hal.IClock
        {
            private static readonly DateTime Start = new DateTime(2026, 11, 30, 8, 0, 0, DateTimeKind.Utc);
            public long UptimeMilliseconds { get; set; } = 1000;
            public DateTime UtcNow => Start.AddMilliseconds(UptimeMilliseconds);
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
            Row(t, "journal", fits, f => f.Plan.JournalSegments + " segments x " + f.Plan.JournalSegmentBlocks + (f.Plan.JournalSegmentBlocks == 1 ? " block" : " blocks") + " = " + f.Plan.JournalBlocks + " blocks");
            Row(t, "**journal events that fit** (offline grants, " + JournalBudget.BytesPerOfflineGrant() + " B each)", fits, f => "**" + f.Events.ToString("N0") + "**");
            Row(t, "cache: one copy in shard files + shared file, and room to install one shard (blocks)", fits, f =>
            {
                int installed = f.Plan.CacheInstalledBlocks(f.Store, out int room);
                return f.Plan.CacheBlocks + " (" + (1 << f.Plan.CacheShardBits) + " shards; at capacity " + installed + " installed + " + room + " room)";
            });
            Row(t, "largest bundle body the controller accepts (the server checks the exact fit shard by shard)", fits, f => f.Plan.MaxBodyBytes.ToString("N0") + " B");
            Row(t, "largest delta it stages", fits, f => f.Plan.MaxDeltaBytes.ToString("N0") + " B");
            Row(t, "**credentials that fit** (reference site: people, profiles, permission sets)", fits,
                f => "**" + f.Store.Count.ToString("N0") + "** (" + f.People.ToString("N0") + ", " + f.Store.Layout.Profiles + ", " + f.Store.Layout.Sets + ")");
            Row(t, "blocks in copy-on-write rotation; flash life at " + EventsPerDay.ToString("N0") + " events a day (" + EnduranceCycles.ToString("N0") + " erase cycles)",
                fits, f => f.RotationBlocks + "; about " + EnduranceYears(f).ToString("F0") + " years");
            t.AppendLine();
            t.AppendLine("At " + at50k.Count.ToString("N0") + " credentials (the reference site, " + at50k.Layout.Profiles + " profiles, " + at50k.Layout.Sets
                + " permission sets) the full bundle body is " + body50k.ToString("N0") + " B: **" + ((double)body50k / at50k.Count).ToString("F2")
                + " B per credential** (format 1: 32), " + ((double)onFlash50k / at50k.Count).ToString("F2") + " B of flash per credential as the blocks of its installed files (shards and shared file, 16 MB plan).");
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

        private static void Report(BenchContext ctx, List<Fit> fits, StoreImage at50k, int body50k, long onFlash50k, Requirement need)
        {
            ctx.ReportLines.Add("Per board (plans in `firmware/Contract/Capacity/BoardFlash.cs`; table with the reserved blocks in [hardware.md](hardware.md)): "
                + "credentials that fit = the largest reference site (`tools/src/Bench/Heap/ReferenceSite.cs`) whose cache, built by the server's "
                + "`ControllerBundleBuilder`, fits the board as a sharded cache (`BoardFlash.Fits`: shards, shared file, room to install the next) and installs on the controller's own path; events = offline grants appended to a journal with the board's "
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

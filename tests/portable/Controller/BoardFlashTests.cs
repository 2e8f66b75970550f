using DoorController.Access;
using DoorController.Config;
using DoorController.Contract;
using DoorController.Journal;
using DoorController.Link.Bundles;
using DoorController.Tests.Support;
using nanoFramework.TestFramework;

namespace DoorController.Tests.Controller
{
    /// <summary>
    /// The board flash plans (Contract.BoardFlash, docs/hardware.md): every plan fits its file system, the sizes it
    /// budgets are the ones the controller's files really have, and the goals that the plans reach — 2,000
    /// journal events on a 4 MB board, 100,000 credentials on a 16 MB one, at most 20 bytes per credential at 50,000.
    /// </summary>
    [TestClass]
    public class BoardFlashTests
    {
        private static readonly int[] Sizes = new int[] { 4, 8, 16 };

        /// <summary>Bytes of the store's tail for a typical site: 40 profiles, 20 permission sets of 3 permissions, 600 B of site config.</summary>
        private const int TypicalTailBytes = 40 * CredentialStoreFormat.ProfileSize + 20 * (4 + 44) + 600;

        [TestMethod]
        public void Every_Plan_Fits_Its_File_System_With_One_Cache_Copy_And_Room_For_A_Shard()
        {
            for (int i = 0; i < Sizes.Length; i++)
            {
                BoardFlash plan = JournalBudget.Plan(Sizes[i]);
                Assert.IsNotNull(plan);
                Assert.AreEqual(Sizes[i], plan.FlashMegabytes);
                Assert.AreEqual(plan.FileSystemBytes / BoardFlash.BlockBytes, plan.Blocks);
                Assert.AreEqual(plan.Blocks, plan.ReservedBlocks + plan.JournalBlocks + plan.CacheBlocks, Sizes[i] + " MB plan");
                Assert.AreEqual(plan.JournalSegmentBlocks, BoardFlash.BlocksFor(plan.JournalSegmentBytes), "a segment fills its blocks");
                Assert.AreEqual(plan.JournalSegmentBlocks + 1, BoardFlash.BlocksFor(plan.JournalSegmentBytes + 1));
                Assert.IsTrue(plan.CacheBlocks > 0 && plan.CacheShardBits >= 1 && plan.CacheShardBits <= ShardFormat.MaxBits);
                Assert.AreEqual(plan.CacheBlocks, BoardFlash.BlocksFor(plan.MaxBodyBytes + BoardFlash.CacheFileHeaderBytes), "no body larger than the cache's blocks");
                Assert.IsTrue(plan.MaxDeltaBytes > 0 && plan.MaxDeltaBytes < plan.MaxBodyBytes);
            }
            Assert.IsNull(JournalBudget.Plan(2));
            Assert.IsNull(JournalBudget.Plan(32));
            Assert.IsFalse(BoardFlash.IsSupported(0));
        }

        [TestMethod]
        public void A_Smaller_Journal_Record_Leaves_The_Cache_More_Blocks()
        {
            BoardFlash today = JournalBudget.Plan(4);
            BoardFlash legacy = BoardFlash.For(4, 66); // the record before the compact format
            Assert.AreEqual(BoardFlash.For(4, JournalBudget.BytesPerOfflineGrant()).JournalSegments, today.JournalSegments);
            Assert.IsTrue(today.JournalBlocks < legacy.JournalBlocks && today.CacheBlocks > legacy.CacheBlocks);
            Assert.AreEqual(SegmentHeader.Length, BoardFlash.JournalSegmentHeaderBytes);
            Assert.AreEqual(JournalBudget.Plan(16).JournalBlocks, BoardFlash.For(16, 32).JournalBlocks);
        }

        [TestMethod]
        public void The_Plan_Budgets_The_Sizes_The_Controller_Files_Really_Have()
        {
            Assert.AreEqual(ConfigStore.MaxFileBytes, BoardFlash.ConfigFileBytes);
            Assert.AreEqual(2, BoardFlash.BlocksFor(ConfigStore.MaxFileBytes));
            Assert.AreEqual(CacheFile.BodyOffset, BoardFlash.CacheFileHeaderBytes);
            Assert.AreEqual(ConfigDefaults.FlashMegabytes, BoardFlash.DefaultFlashMegabytes);
        }

        [TestMethod]
        public void LittleFs_Block_Arithmetic()
        {
            Assert.AreEqual(0, BoardFlash.BlocksFor(0));
            Assert.AreEqual(0, BoardFlash.BlocksFor(BoardFlash.InlineMaxBytes), "small files live in the directory");
            Assert.AreEqual(1, BoardFlash.BlocksFor(BoardFlash.InlineMaxBytes + 1));
            Assert.AreEqual(1, BoardFlash.BlocksFor(4096));
            Assert.AreEqual(2, BoardFlash.BlocksFor(4097));
            Assert.AreEqual(4096L, BoardFlash.BytesInBlocks(1));
            Assert.AreEqual(4096L + 4092, BoardFlash.BytesInBlocks(2), "block 1 starts with one pointer");
            Assert.AreEqual(4096L + 4092 + 4088 + 4092, BoardFlash.BytesInBlocks(4), "block 2 with two");
        }

        /// <summary>Filled as a busy door would fill it offline: a grant every 30 s, so each record's clock deltas take
        /// their typical size (a journal filled within one millisecond stores them in fewer bytes).</summary>
        [TestMethod]
        public void A_Four_MB_Board_Journal_Holds_Two_Thousand_Offline_Access_Events()
        {
            BoardFlash plan = JournalBudget.Plan(4);
            JournalOptions options = new JournalOptions();
            Assert.AreEqual(options.OverflowReserveBytes, BoardFlash.JournalOverflowReserveBytes);
            options.MaxSegments = plan.JournalSegments;
            options.SegmentBytes = plan.JournalSegmentBytes;
            ManualClock clock = new ManualClock(new System.DateTime(2026, 11, 18, 9, 0, 0));
            EventJournal journal = new EventJournal(new MemoryFileStore(), clock, options);
            Assert.IsTrue(journal.Open());
            AccessDecisionEvent grant = JournalBudget.TypicalOfflineGrant();
            int stored = 0;
            while (journal.Append(EventType.AccessDecision, grant, RecordFlags.None) != EventId.None)
            {
                stored++;
                clock.Advance(30000);
            }
            Assert.IsTrue(stored >= BoardFlash.GoalJournalEvents, "stored " + stored);
            Assert.IsTrue(stored < BoardFlash.GoalJournalEvents + 200, "the plan gives the journal no block it does not need: stored " + stored);
        }

        /// <summary>The 4 MB journal takes the fewest blocks over the segment sizes the plan may choose, and any other
        /// size would hold the goal in as many blocks or more.</summary>
        [TestMethod]
        public void The_Four_MB_Journal_Segment_Size_Wastes_The_Fewest_Blocks()
        {
            int bytesPerEvent = JournalBudget.BytesPerOfflineGrant();
            BoardFlash plan = JournalBudget.Plan(4);
            for (int blocks = 1; blocks <= BoardFlash.MaxJournalSegmentBlocks; blocks++)
            {
                int perSegment = ((int)BoardFlash.BytesInBlocks(blocks) - BoardFlash.JournalSegmentHeaderBytes) / bytesPerEvent;
                int events = BoardFlash.GoalJournalEvents + (BoardFlash.JournalOverflowReserveBytes + bytesPerEvent - 1) / bytesPerEvent;
                int segments = (events + perSegment - 1) / perSegment;
                Assert.IsTrue(plan.JournalBlocks <= segments * blocks, blocks + "-block segments: " + segments * blocks + " blocks");
            }
            Assert.AreEqual(13, BoardFlash.For(4, 26).JournalBlocks, "26 B a grant: 13 segments of one block (7 of two took 14)");
            Assert.AreEqual(1, BoardFlash.For(4, 26).JournalSegmentBlocks);
        }

        [TestMethod]
        public void Credential_Capacity_Follows_The_Store_Format()
        {
            for (int i = 0; i < Sizes.Length; i++)
            {
                BoardFlash plan = JournalBudget.Plan(Sizes[i]);
                int n = plan.CredentialsFor(TypicalTailBytes);
                Assert.IsTrue(n > 0, Sizes[i] + " MB");
                StoreLayout fits = StoreLayout.Of(n, 40, 20, 20 * (4 + 44), 600);
                Assert.IsTrue(CacheBody.StoreOffset + fits.End <= plan.MaxBodyBytes, Sizes[i] + " MB: " + n + " credentials do not fit");
            }
            Assert.IsTrue(JournalBudget.Plan(16).CredentialsFor(TypicalTailBytes) >= 100000, "16 MB: " + JournalBudget.Plan(16).CredentialsFor(TypicalTailBytes));
            long bytes = CacheBody.StoreOffset + StoreLayout.Of(50000, 40, 20, 20 * (4 + 44), 600).End;
            Assert.IsTrue(bytes <= 20L * 50000, "50,000 credentials take " + bytes + " bytes");
        }

    }
}

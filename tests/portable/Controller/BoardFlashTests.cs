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
        public void Every_Plan_Fits_Its_File_System_With_Room_To_Install_The_Next_Cache()
        {
            for (int i = 0; i < Sizes.Length; i++)
            {
                BoardFlash plan = BoardFlash.For(Sizes[i]);
                Assert.IsNotNull(plan);
                Assert.AreEqual(Sizes[i], plan.FlashMegabytes);
                Assert.AreEqual(plan.FileSystemBytes / BoardFlash.BlockBytes, plan.Blocks);
                Assert.IsTrue(plan.ReservedBlocks + plan.JournalBlocks + 2 * plan.CacheFileBlocks <= plan.Blocks, Sizes[i] + " MB plan overcommits");
                Assert.AreEqual(plan.JournalSegmentBlocks, BoardFlash.BlocksFor(plan.JournalSegmentBytes), "a segment fills its blocks");
                Assert.AreEqual(plan.JournalSegmentBlocks + 1, BoardFlash.BlocksFor(plan.JournalSegmentBytes + 1));
                Assert.IsTrue(plan.CacheFileBlocks > 0);
                Assert.AreEqual(plan.CacheFileBlocks, BoardFlash.BlocksFor(plan.MaxBodyBytes + BoardFlash.CacheFileHeaderBytes), "the largest body fills the cache blocks");
                Assert.AreEqual(plan.CacheFileBlocks + 1, BoardFlash.BlocksFor(plan.MaxBodyBytes + BoardFlash.CacheFileHeaderBytes + 1), "one byte more takes a block more");
                Assert.IsTrue(plan.MaxDeltaBytes > 0 && plan.MaxDeltaBytes < plan.MaxBodyBytes);
            }
            Assert.IsNull(BoardFlash.For(2));
            Assert.IsNull(BoardFlash.For(32));
            Assert.IsFalse(BoardFlash.IsSupported(0));
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

        [TestMethod]
        public void A_Four_MB_Board_Journal_Holds_Two_Thousand_Offline_Access_Events()
        {
            JournalOptions options = new JournalOptions();
            options.MaxSegments = BoardFlash.For(4).JournalSegments;
            options.SegmentBytes = BoardFlash.For(4).JournalSegmentBytes;
            EventJournal journal = new EventJournal(new MemoryFileStore(), new ManualClock(new System.DateTime(2026, 11, 18, 9, 0, 0)), options);
            Assert.IsTrue(journal.Open());
            AccessDecisionEvent grant = TypicalOfflineGrant();
            int stored = 0;
            while (journal.Append(EventType.AccessDecision, grant, RecordFlags.None) != EventId.None)
            {
                stored++;
            }
            Assert.IsTrue(stored >= 2000, "stored " + stored);
        }

        [TestMethod]
        public void Credential_Capacity_Follows_The_Store_Format()
        {
            for (int i = 0; i < Sizes.Length; i++)
            {
                BoardFlash plan = BoardFlash.For(Sizes[i]);
                int n = plan.CredentialsFor(TypicalTailBytes);
                StoreLayout fits = StoreLayout.Of(n, 40, 20, 20 * (4 + 44), 600);
                Assert.IsTrue(CacheBody.StoreOffset + fits.End <= plan.MaxBodyBytes, Sizes[i] + " MB: " + n + " credentials do not fit");
                StoreLayout over = StoreLayout.Of(n + 1, 40, 20, 20 * (4 + 44), 600);
                Assert.IsTrue(CacheBody.StoreOffset + over.End > plan.MaxBodyBytes, Sizes[i] + " MB: one more would fit");
            }
            Assert.IsTrue(BoardFlash.For(16).CredentialsFor(TypicalTailBytes) >= 100000, "16 MB: " + BoardFlash.For(16).CredentialsFor(TypicalTailBytes));
            long bytes = CacheBody.StoreOffset + StoreLayout.Of(50000, 40, 20, 20 * (4 + 44), 600).End;
            Assert.IsTrue(bytes <= 20L * 50000, "50,000 credentials take " + bytes + " bytes");
        }

        /// <summary>What the controller journals for an offline grant (Controller.AccessFlow): a six-digit user number,
        /// a reader number, the 16-byte credential hash.</summary>
        public static AccessDecisionEvent TypicalOfflineGrant()
        {
            AccessDecisionEvent e = new AccessDecisionEvent();
            e.Allowed = true;
            e.Direction = 1;
            e.PendingRetro = true;
            e.UserId = "104233";
            e.ReaderId = "12";
            e.Method = (int)CredentialMethod.Nfc;
            e.CredentialHash = new byte[16];
            for (int i = 0; i < 16; i++)
            {
                e.CredentialHash[i] = (byte)(i * 37 + 11);
            }
            return e;
        }
    }
}

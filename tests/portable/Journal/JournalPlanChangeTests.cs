using DoorController.Journal;
using DoorController.Tests.Support;
using nanoFramework.TestFramework;
using DoorController.Contract;

namespace DoorController.Tests.Journal
{
    /// <summary>
    /// A firmware update can change a board's journal plan (Contract.BoardFlash): a 4 MB board kept 7 segments of two
    /// blocks and now keeps 13 of one. The segments already on flash were written with the old size; every event in them
    /// must still be read, replayed and acknowledged, and new events go into segments of the new size.
    /// </summary>
    [TestClass]
    public class JournalPlanChangeTests
    {
        private static JournalOptions Options(int segmentBytes, int segments)
        {
            JournalOptions options = JournalTestKit.SmallOptions();
            options.SegmentBytes = segmentBytes;
            options.MaxSegments = segments;
            return options;
        }

        [TestMethod]
        public void Events_In_Segments_Larger_Than_The_New_Plan_Survive_The_Update()
        {
            MemoryFileStore store = new MemoryFileStore();
            EventJournal before = JournalTestKit.Boot(store, Options(2048, 4));
            int written = 0;
            while (store.Exists(SegmentNames.Format("jnl", 2)) == false || written < 200)
            {
                JournalTestKit.AppendMarker(before, written++);
            }
            before.Close();
            long firstSegmentBytes = store.ReadAll(SegmentNames.Format("jnl", 1)).Length;
            Assert.IsTrue(firstSegmentBytes > 1024, "the old segment is larger than the new plan's (" + firstSegmentBytes + " B)");

            EventJournal after = JournalTestKit.Boot(store, Options(1024, 8));
            Assert.AreEqual(written, after.Depth, "every event written before the update is still unacknowledged");
            JournalRecord[] all = JournalTestKit.ReadAll(after, 0);
            Assert.AreEqual(written, all.Length);
            for (int i = 0; i < written; i++)
            {
                Assert.AreEqual(i, (int)all[i].Payload[0], "event " + i + " in order");
            }

            for (int i = 0; i < 30; i++)
            {
                JournalTestKit.AppendMarker(after, written + i);
            }
            after.Close();
            EventJournal again = JournalTestKit.Boot(store, Options(1024, 8));
            Assert.AreEqual(written + 30, JournalTestKit.ReadAll(again, 0).Length, "old and new segments read together");
            Assert.IsTrue(again.Acknowledge(all[written - 1].Id));
            Assert.AreEqual(30, again.Depth);
            again.Close();
        }
    }
}

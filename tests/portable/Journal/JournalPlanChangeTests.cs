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

        [TestMethod]
        public void Old_Larger_Segments_Count_By_Their_Size_So_The_Journal_Stays_Within_Its_Blocks()
        {
            // Old plan: 4 segments of 2 KB, filled and never acknowledged. New plan: 8 of 1 KB, the same 8 KB. Counted
            // as one segment each, the four old files would leave room for four new ones: 12 KB on a drive sized for 8.
            MemoryFileStore store = new MemoryFileStore();
            EventJournal before = JournalTestKit.Boot(store, Options(2048, 4));
            int written = 0;
            while (before.Append(EventType.Tamper, Marker(written), 0, 10, RecordFlags.None) != EventId.None && written < 5000)
            {
                written++;
            }
            before.Close();
            Assert.IsTrue(JournalBytes(store) > 4 * 2048 - 256, "the old plan's four segments are full (" + JournalBytes(store) + " B)");

            EventJournal after = JournalTestKit.Boot(store, Options(1024, 8));
            int more = 0;
            while (after.Append(EventType.Tamper, Marker(more), 0, 10, RecordFlags.None) != EventId.None && more < 5000)
            {
                more++;
            }
            after.Close();
            Assert.IsTrue(JournalBytes(store) <= 8 * 1024, "the journal takes " + JournalBytes(store) + " B of its 8192");

            EventJournal again = JournalTestKit.Boot(store, Options(1024, 8));
            Assert.AreEqual(written + more, JournalTestKit.ReadAll(again, 0).Length - Overflows(again), "every event stored is still there");
            again.Close();
        }

        private static byte[] Marker(int marker)
        {
            return new byte[] { (byte)marker, 1, 2, 3, 4, 5, 6, 7, 8, 9 };
        }

        private static int JournalBytes(MemoryFileStore store)
        {
            string[] names = store.List("jnl");
            int total = 0;
            uint number;
            for (int i = 0; i < names.Length; i++)
            {
                if (SegmentNames.TryParse("jnl", names[i], out number))
                {
                    total += store.ReadAll(names[i]).Length;
                }
            }
            return total;
        }

        private static int Overflows(EventJournal journal)
        {
            JournalRecord[] all = JournalTestKit.ReadAll(journal, 0);
            int count = 0;
            for (int i = 0; i < all.Length; i++)
            {
                if (all[i].Type == EventType.JournalOverflow)
                {
                    count++;
                }
            }
            return count;
        }
    }
}

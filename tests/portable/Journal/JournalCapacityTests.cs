using DoorController.Journal;
using DoorController.Tests.Support;
using nanoFramework.TestFramework;
using DoorController.Contract;

namespace DoorController.Tests.Journal
{
    [TestClass]
    public class JournalCapacityTests
    {
        [TestMethod]
        public void A_Full_Journal_Keeps_Deciding_Drops_Counts_And_Records_One_Overflow_Event()
        {
            MemoryFileStore store = new MemoryFileStore();
            EventJournal journal = JournalTestKit.Boot(store);
            int stored = 0;
            int dropped = 0;
            for (int i = 0; i < 200; i++)
            {
                byte[] payload = new byte[] { (byte)i, 0, 0, 0, 0, 0, 0, 0, 0, 0 };
                long id = journal.Append(EventType.AccessDecision, payload, 0, payload.Length, RecordFlags.None);
                if (id == EventId.None)
                {
                    dropped++;
                }
                else
                {
                    stored++;
                }
            }
            Assert.IsTrue(stored > 20 && dropped > 100, "stored " + stored + ", dropped " + dropped);
            Assert.AreEqual((long)dropped, journal.DroppedCount);
            Assert.IsTrue(journal.UsedBytes <= journal.CapacityBytes, "never beyond capacity");
            Assert.AreEqual(4, journal.SegmentCount);

            JournalRecord[] replay = JournalTestKit.ReadAll(journal, 0);
            Assert.AreEqual(stored + 1, replay.Length, "every stored event plus one overflow record");
            JournalRecord last = replay[replay.Length - 1];
            Assert.AreEqual((int)EventType.JournalOverflow, (int)last.Type);
            JournalOverflowEvent overflow = new JournalOverflowEvent();
            Assert.IsTrue(overflow.TryDecode(last.Payload, 0, last.PayloadLength));
            Assert.AreEqual(1L, overflow.Dropped, "written when dropping starts");
            Assert.IsFalse(overflow.Ended);
        }

        [TestMethod]
        public void When_Space_Returns_An_Overflow_Record_With_The_Total_Precedes_The_Next_Event()
        {
            MemoryFileStore store = new MemoryFileStore();
            EventJournal journal = JournalTestKit.Boot(store);
            int dropped = 0;
            for (int i = 0; i < 100; i++)
            {
                if (journal.Append(EventType.Tamper, new byte[10], 0, 10, RecordFlags.None) == EventId.None)
                {
                    dropped++;
                }
            }
            Assert.IsTrue(dropped > 0);

            // The count survives a reboot in the middle of the episode.
            journal = JournalTestKit.Boot(store);
            Assert.AreEqual((long)dropped, journal.DroppedCount);
            Assert.IsTrue(journal.Acknowledge(journal.LastId), "the server caught up");
            long next = JournalTestKit.AppendMarker(journal, 77);

            JournalRecord[] replay = JournalTestKit.ReadAll(journal, journal.AckedId);
            Assert.AreEqual(2, replay.Length);
            Assert.AreEqual((int)EventType.JournalOverflow, (int)replay[0].Type);
            JournalOverflowEvent overflow = new JournalOverflowEvent();
            Assert.IsTrue(overflow.TryDecode(replay[0].Payload, 0, replay[0].PayloadLength));
            Assert.AreEqual((long)dropped, overflow.Dropped);
            Assert.AreEqual((long)dropped, overflow.DroppedTotal);
            Assert.IsTrue(overflow.Ended);
            Assert.AreEqual(next, replay[1].Id);
        }

        [TestMethod]
        public void Acknowledged_Segments_Are_Reclaimed_Before_Anything_Is_Dropped()
        {
            MemoryFileStore store = new MemoryFileStore();
            EventJournal journal = JournalTestKit.Boot(store);
            JournalRecord[] batch = new JournalRecord[32];
            for (int i = 0; i < 2000; i++)
            {
                JournalTestKit.AppendMarker(journal, i);
                if (i % 10 == 9)
                {
                    int n = journal.Read(journal.AckedId, batch, 100000);
                    journal.Acknowledge(batch[n - 1].Id);
                }
            }
            Assert.AreEqual(0L, journal.DroppedCount);
            Assert.IsTrue(journal.SegmentCount <= 2, "acknowledged segments were deleted: " + journal.SegmentCount);
            Assert.AreEqual(journal.SegmentCount + 2, store.Count, "segments plus two state slots");
        }

        [TestMethod]
        public void Default_Capacity_Fits_The_Esp32_Config_Partition_Budget()
        {
            JournalOptions options = new JournalOptions();
            int capacity = options.SegmentBytes * options.MaxSegments;
            Assert.AreEqual(96 * 1024, capacity, "96 KB of the 256 KB LittleFS partition");
        }

        [TestMethod]
        public void Oversized_Or_Invalid_Payloads_Are_Rejected_Without_Throwing()
        {
            MemoryFileStore store = new MemoryFileStore();
            EventJournal journal = JournalTestKit.Boot(store);
            Assert.AreEqual(EventId.None, journal.Append(EventType.Tamper, new byte[33], 0, 33, RecordFlags.None));
            Assert.AreEqual(EventId.None, journal.Append(EventType.Tamper, new byte[4], 2, 8, RecordFlags.None));
            Assert.AreEqual(EventId.None, journal.Append(EventType.Tamper, null, 0, 3, RecordFlags.None));
            AccessDecisionEvent big = new AccessDecisionEvent();
            big.UserId = "a-user-id-that-is-far-too-long-for-a-32-byte-payload";
            Assert.AreEqual(EventId.None, journal.Append(EventType.AccessDecision, big, RecordFlags.None));
            Assert.AreEqual(4, journal.RejectedCount);
            Assert.AreEqual(0, journal.Depth);
            Assert.IsTrue(journal.Append(EventType.Boot, null, 0, 0, RecordFlags.None) != EventId.None, "an empty payload is fine");
        }
    }
}

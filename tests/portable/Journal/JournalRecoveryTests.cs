using DoorController.Journal;
using DoorController.Tests.Support;
using nanoFramework.TestFramework;
using DoorController.Contract;

namespace DoorController.Tests.Journal
{
    [TestClass]
    public class JournalRecoveryTests
    {
        private static long[] Fill(EventJournal journal, int count)
        {
            long[] ids = new long[count];
            for (int i = 0; i < count; i++)
            {
                ids[i] = JournalTestKit.AppendMarker(journal, i);
            }
            return ids;
        }

        private static string SegmentName(uint number)
        {
            return SegmentNames.Format("jnl", number);
        }

        [TestMethod]
        public void A_Corrupt_Record_In_A_Middle_Segment_Is_Never_Handed_Out_And_The_Rest_Survive()
        {
            MemoryFileStore store = new MemoryFileStore();
            EventJournal journal = JournalTestKit.Boot(store);
            long[] ids = Fill(journal, 60);
            Assert.IsTrue(journal.SegmentCount >= 3);
            journal.Close();

            // Flip one bit of the first payload byte of the third record of segment 2 (ten bytes before its CRC).
            byte[] segment = store.ReadAll(SegmentName(2));
            segment[JournalTestKit.RecordEnd(segment, 2) - RecordFormat.CrcLength - 10] ^= 0x04;
            store.WriteAll(SegmentName(2), segment);

            EventJournal rebooted = JournalTestKit.Boot(store);
            JournalRecord[] replay = JournalTestKit.ReadAll(rebooted, 0);
            Assert.AreEqual(ids.Length - 1, replay.Length, "only the damaged record is missing");
            Assert.IsTrue(rebooted.CorruptRecordsSkipped >= 1);
            int r = 0;
            long missing = 0;
            for (int i = 0; i < ids.Length; i++)
            {
                if (r < replay.Length && replay[r].Id == ids[i])
                {
                    Assert.AreEqual((byte)i, replay[r].Payload[0], "payload intact");
                    r++;
                }
                else
                {
                    missing++;
                }
            }
            Assert.AreEqual(1L, missing);
            Assert.AreEqual(replay.Length, rebooted.Depth);
        }

        [TestMethod]
        public void A_Wrong_Length_Field_Hides_Only_That_Record()
        {
            MemoryFileStore store = new MemoryFileStore();
            EventJournal journal = JournalTestKit.Boot(store);
            long[] ids = Fill(journal, 8);
            journal.Close();
            byte[] segment = store.ReadAll(SegmentName(1));
            segment[JournalTestKit.RecordEnd(segment, 0) + 1] = 0x7F;   // second record claims 127 bytes, over the bound
            store.WriteAll(SegmentName(1), segment);

            JournalRecord[] replay = JournalTestKit.ReadAll(JournalTestKit.Boot(store), 0);
            Assert.AreEqual(7, replay.Length);
            Assert.AreEqual(ids[0], replay[0].Id);
            Assert.AreEqual(ids[2], replay[1].Id, "resynchronised on the next record");
        }

        [TestMethod]
        public void A_Whole_Middle_Segment_Of_Garbage_Loses_Only_That_Segment()
        {
            MemoryFileStore store = new MemoryFileStore();
            EventJournal journal = JournalTestKit.Boot(store);
            long[] ids = Fill(journal, 60);
            Assert.IsTrue(journal.SegmentCount >= 3);
            journal.Close();
            int inSegment2 = JournalTestKit.RecordCount(store.ReadAll(SegmentName(2)));
            Assert.IsTrue(inSegment2 > 10);
            byte[] garbage = new byte[512];
            new System.Random(7).NextBytes(garbage);
            store.WriteAll(SegmentName(2), garbage);

            EventJournal rebooted = JournalTestKit.Boot(store);
            JournalRecord[] replay = JournalTestKit.ReadAll(rebooted, 0);
            Assert.AreEqual(ids[0], replay[0].Id);
            Assert.AreEqual(ids[ids.Length - 1], replay[replay.Length - 1].Id);
            Assert.AreEqual(ids.Length - inSegment2, replay.Length, "only segment 2's records are missing");
            long appended = JournalTestKit.AppendMarker(rebooted, 99);
            Assert.IsTrue(appended > ids[ids.Length - 1]);
        }

        [TestMethod]
        public void A_Torn_Tail_Is_Ignored_Then_Overwritten_By_The_Next_Appends()
        {
            MemoryFileStore store = new MemoryFileStore();
            EventJournal journal = JournalTestKit.Boot(store);
            long[] ids = Fill(journal, 5);
            journal.Close();
            byte[] segment = store.ReadAll(SegmentName(1));
            byte[] torn = new byte[segment.Length + 30];
            System.Array.Copy(segment, torn, segment.Length);
            System.Array.Copy(segment, SegmentHeader.Length, torn, segment.Length, 20);   // a record's first bytes...
            for (int i = segment.Length + 20; i < torn.Length; i++)
            {
                torn[i] = 0xFF;                                          // ...then erased flash
            }
            store.WriteAll(SegmentName(1), torn);

            EventJournal rebooted = JournalTestKit.Boot(store);
            Assert.AreEqual(30, rebooted.TruncatedBytes);
            Assert.AreEqual(5, JournalTestKit.ReadAll(rebooted, 0).Length);
            long more = JournalTestKit.AppendMarker(rebooted, 50);
            JournalTestKit.AppendMarker(rebooted, 51);

            JournalRecord[] replay = JournalTestKit.ReadAll(JournalTestKit.Boot(store), 0);
            Assert.AreEqual(7, replay.Length);
            Assert.AreEqual(ids[4], replay[4].Id);
            Assert.AreEqual(more, replay[5].Id);
        }

        [TestMethod]
        public void A_Segment_Torn_At_Creation_Is_Deleted_And_Started_Again()
        {
            MemoryFileStore store = new MemoryFileStore();
            EventJournal journal = JournalTestKit.Boot(store);
            long[] ids = Fill(journal, 3);
            journal.Close();
            store.WriteAll(SegmentName(2), new byte[] { (byte)'D', 0x00, 0x13 });

            EventJournal rebooted = JournalTestKit.Boot(store);
            long next = JournalTestKit.AppendMarker(rebooted, 9);
            JournalRecord[] replay = JournalTestKit.ReadAll(JournalTestKit.Boot(store), 0);
            Assert.AreEqual(4, replay.Length);
            Assert.AreEqual(ids[2], replay[2].Id);
            Assert.AreEqual(next, replay[3].Id);
        }

        [TestMethod]
        public void Other_Files_With_The_Prefix_Are_Left_Alone()
        {
            MemoryFileStore store = new MemoryFileStore();
            store.WriteAll("jnl-notes.txt", new byte[] { 1, 2, 3 });
            EventJournal journal = JournalTestKit.Boot(store);
            Fill(journal, 3);
            Assert.AreEqual(3, JournalTestKit.ReadAll(JournalTestKit.Boot(store), 0).Length);
            Assert.IsTrue(store.Exists("jnl-notes.txt"));
        }

        [TestMethod]
        public void Dead_Storage_Never_Throws_Out_Of_The_Journal()
        {
            SimulatedFlashStore store = new SimulatedFlashStore(1);
            store.PoweredOff = true;
            EventJournal journal = new EventJournal(store, JournalTestKit.Clock, JournalTestKit.SmallOptions());
            Assert.IsFalse(journal.Open());
            Assert.AreEqual(EventId.None, journal.Append(EventType.Tamper, new byte[3], 0, 3, RecordFlags.None));
            Assert.AreEqual(0, journal.Read(0, new JournalRecord[4], 1000));
            Assert.IsFalse(journal.Acknowledge(5));
            Assert.IsTrue(journal.WriteFailures >= 2);

            store.PowerCycle();
            Assert.IsTrue(journal.Append(EventType.Tamper, new byte[3], 0, 3, RecordFlags.None) != EventId.None, "recovers by itself once storage works");
        }

        [TestMethod]
        public void An_Unreadable_Last_Segment_Does_Not_Stop_The_Journal()
        {
            MemoryFileStore store = new MemoryFileStore();
            EventJournal journal = JournalTestKit.Boot(store);
            long[] ids = Fill(journal, 3);
            journal.Close();
            UnreadableFileStore flaky = new UnreadableFileStore(store, SegmentName(1));
            EventJournal rebooted = new EventJournal(flaky, JournalTestKit.Clock, JournalTestKit.SmallOptions());
            Assert.IsTrue(rebooted.Open(), "opens despite the unreadable segment");
            Assert.AreEqual(1, rebooted.CorruptRecordsSkipped);
            long next = JournalTestKit.AppendMarker(rebooted, 5);
            Assert.IsTrue(next > ids[2], "ids still grow: the state slots carry the boot counter");
            Assert.AreEqual(2, rebooted.SegmentCount, "appends rolled past it; it is kept");
            rebooted.Close();

            JournalRecord[] replay = JournalTestKit.ReadAll(JournalTestKit.Boot(store), 0);
            Assert.AreEqual(4, replay.Length, "readable again: nothing was lost");
            Assert.AreEqual(ids[0], replay[0].Id);
            Assert.AreEqual(next, replay[3].Id);
        }
    }
}

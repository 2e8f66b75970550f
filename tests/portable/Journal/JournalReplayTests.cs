using DoorController.Journal;
using DoorController.Tests.Support;
using nanoFramework.TestFramework;
using DoorController.Contract;

namespace DoorController.Tests.Journal
{
    [TestClass]
    public class JournalReplayTests
    {
        [TestMethod]
        public void Events_Are_Replayed_In_Append_Order_After_A_Reboot()
        {
            MemoryFileStore store = new MemoryFileStore();
            EventJournal journal = JournalTestKit.Boot(store);
            long[] ids = new long[30];
            for (int i = 0; i < ids.Length; i++)
            {
                ids[i] = JournalTestKit.AppendMarker(journal, i);
            }
            Assert.IsTrue(journal.SegmentCount > 1, "the events span several segments");

            EventJournal rebooted = JournalTestKit.Boot(store);
            JournalRecord[] replay = JournalTestKit.ReadAll(rebooted, rebooted.AckedId);
            Assert.AreEqual(ids.Length, replay.Length);
            for (int i = 0; i < ids.Length; i++)
            {
                Assert.AreEqual(ids[i], replay[i].Id);
                Assert.AreEqual((byte)i, replay[i].Payload[0]);
                Assert.AreEqual((int)EventType.Tamper, (int)replay[i].Type);
            }
            Assert.AreEqual(ids.Length, rebooted.Depth);
            Assert.AreEqual(ids.Length, rebooted.RecoveredRecords);
        }

        [TestMethod]
        public void Read_Does_Not_Move_The_Cursor_And_Respects_Record_And_Byte_Limits()
        {
            MemoryFileStore store = new MemoryFileStore();
            EventJournal journal = JournalTestKit.Boot(store);
            for (int i = 0; i < 10; i++)
            {
                JournalTestKit.AppendMarker(journal, i);
            }
            JournalRecord[] batch = new JournalRecord[4];
            Assert.AreEqual(4, journal.Read(0, batch, 100000), "record limit");
            long fourth = batch[3].Id;
            Assert.AreEqual(4, journal.Read(0, batch, 100000), "reading again gives the same records");
            Assert.AreEqual(fourth, batch[3].Id);
            Assert.AreEqual(0L, journal.AckedId, "reading never acknowledges");
            int twoRecords = JournalTestKit.RecordEnd(store.ReadAll(SegmentNames.Format("jnl", 1)), 1) - SegmentHeader.Length;
            Assert.AreEqual(2, journal.Read(0, batch, twoRecords), "byte limit");
            Assert.AreEqual(3, journal.Read(0, batch, twoRecords + RecordFormat.MinLength + 10), "byte limit, one more");
            Assert.AreEqual(1, journal.Read(0, batch, 1), "at least one record even if it exceeds the byte limit");
            Assert.AreEqual(4, journal.Read(fourth, batch, 100000), "continues after an in-flight id");
            Assert.AreEqual(4, (int)batch[0].Payload[0], "the record after the fourth");
        }

        [TestMethod]
        public void The_Cursor_Moves_Only_On_Acknowledge_And_Survives_Reboots()
        {
            MemoryFileStore store = new MemoryFileStore();
            EventJournal journal = JournalTestKit.Boot(store);
            long[] ids = new long[12];
            for (int i = 0; i < ids.Length; i++)
            {
                ids[i] = JournalTestKit.AppendMarker(journal, i);
            }
            Assert.IsTrue(journal.Acknowledge(ids[6]));
            Assert.AreEqual(5, journal.Depth);

            EventJournal rebooted = JournalTestKit.Boot(store);
            Assert.AreEqual(ids[6], rebooted.AckedId);
            Assert.AreEqual(5, rebooted.Depth);
            JournalRecord[] replay = JournalTestKit.ReadAll(rebooted, rebooted.AckedId);
            Assert.AreEqual(5, replay.Length);
            Assert.AreEqual(ids[7], replay[0].Id);
            Assert.AreEqual(ids[11], replay[4].Id);
        }

        [TestMethod]
        public void Acknowledge_Is_Cumulative_Ignores_Old_Acks_And_Clamps_Future_Ones()
        {
            MemoryFileStore store = new MemoryFileStore();
            EventJournal journal = JournalTestKit.Boot(store);
            long first = JournalTestKit.AppendMarker(journal, 1);
            long second = JournalTestKit.AppendMarker(journal, 2);
            long third = JournalTestKit.AppendMarker(journal, 3);

            Assert.IsTrue(journal.Acknowledge(second), "acks everything up to the second event");
            Assert.AreEqual(1, journal.Depth);
            Assert.IsTrue(journal.Acknowledge(first), "an older ack is accepted but changes nothing");
            Assert.AreEqual(second, journal.AckedId);
            Assert.IsFalse(journal.Acknowledge(third + 1000), "an ack beyond the last event is clamped");
            Assert.AreEqual(third, journal.AckedId);
            Assert.AreEqual(0, journal.Depth);
            JournalRecord[] batch = new JournalRecord[2];
            Assert.AreEqual(0, journal.Read(journal.AckedId, batch, 1000));
        }

        [TestMethod]
        public void Ids_Never_Repeat_Across_Reboots_Even_Without_Appends_In_Between()
        {
            MemoryFileStore store = new MemoryFileStore();
            long previous = 0;
            uint previousBoot = 0;
            for (int boot = 0; boot < 8; boot++)
            {
                EventJournal journal = JournalTestKit.Boot(store);
                Assert.IsTrue(journal.BootCounter > previousBoot, "boot counter grows");
                previousBoot = journal.BootCounter;
                for (int i = 0; i < boot % 3; i++)
                {
                    long id = JournalTestKit.AppendMarker(journal, i);
                    Assert.IsTrue(id > previous, "id " + id + " after " + previous);
                    Assert.AreEqual(journal.BootCounter, EventId.BootOf(id));
                    previous = id;
                }
            }
        }

        [TestMethod]
        public void Ids_Stay_Unique_When_The_State_Files_Are_Lost()
        {
            MemoryFileStore store = new MemoryFileStore();
            EventJournal journal = JournalTestKit.Boot(store);
            long last = JournalTestKit.AppendMarker(journal, 1);
            store.Delete("jnl-state-a");
            store.Delete("jnl-state-b");
            EventJournal rebooted = JournalTestKit.Boot(store);
            Assert.IsTrue(JournalTestKit.AppendMarker(rebooted, 2) > last, "boot counter recovered from the records");
        }

        [TestMethod]
        public void Records_Carry_Timestamps_And_The_Clock_Uncertain_Flag()
        {
            MemoryFileStore store = new MemoryFileStore();
            EventJournal journal = JournalTestKit.Boot(store);
            JournalTestKit.AppendMarker(journal, 1);
            journal.ClockUncertain = true;
            JournalTestKit.AppendMarker(journal, 2);
            JournalRecord[] replay = JournalTestKit.ReadAll(JournalTestKit.Boot(store), 0);
            Assert.IsFalse(replay[0].ClockUncertain);
            Assert.IsTrue(replay[1].ClockUncertain);
            Assert.IsTrue(replay[0].UtcMilliseconds > 1767225600000L, "UTC ms after 2026-01-01");
            Assert.IsTrue(replay[1].UtcMilliseconds > replay[0].UtcMilliseconds);
        }

        [TestMethod]
        public void Reading_One_Record_At_A_Time_While_Appending_Sees_Every_Record_Once_In_Order()
        {
            MemoryFileStore store = new MemoryFileStore();
            EventJournal journal = JournalTestKit.Boot(store);
            JournalRecord[] one = new JournalRecord[1];
            long sent = 0;
            int appended = 0;
            int received = 0;
            for (int step = 0; step < 120; step++)
            {
                if (step % 3 != 2)
                {
                    JournalTestKit.AppendMarker(journal, appended++);
                }
                if (journal.Read(sent, one, 1000) == 1)
                {
                    Assert.AreEqual((byte)received, one[0].Payload[0], "record " + received);
                    Assert.IsTrue(one[0].Id > sent);
                    sent = one[0].Id;
                    received++;
                    if (received % 7 == 0)
                    {
                        journal.Acknowledge(sent);
                    }
                }
            }
            while (journal.Read(sent, one, 1000) == 1)
            {
                Assert.AreEqual((byte)received, one[0].Payload[0]);
                sent = one[0].Id;
                received++;
            }
            Assert.AreEqual(appended, received);
        }
    }
}

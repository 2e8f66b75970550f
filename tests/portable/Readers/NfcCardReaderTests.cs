using DoorController.Config;
using DoorController.Readers;
using DoorController.Tests.Support;
using nanoFramework.TestFramework;

namespace DoorController.Tests.Readers
{
    /// <summary>One report per card presentation, for a releasing chip (PN532) and a halting one (MFRC522), and bus errors.</summary>
    [TestClass]
    public class NfcCardReaderTests
    {
        private static readonly byte[] Card = new byte[] { 0x04, 0xA1, 0xB2, 0xC3, 0xD4, 0xE5, 0xF6 };

        private static RecordingSink Started(NfcCardReader reader)
        {
            RecordingSink sink = new RecordingSink();
            Assert.IsTrue(reader.Start(sink));
            return sink;
        }

        private static void Poll(NfcCardReader reader, int times)
        {
            for (int i = 0; i < times; i++)
            {
                reader.Poll();
            }
        }

        [TestMethod]
        [DataRow(false)]
        [DataRow(true)]
        public void A_Card_Left_On_The_Pad_Is_Reported_Once(bool halting)
        {
            FakeNfcChip chip = new FakeNfcChip(halting);
            NfcCardReader reader = new NfcCardReader(7, chip, halting ? NfcPlan.Mfrc522EmptyPollsToForget : NfcPlan.Pn532EmptyPollsToForget);
            RecordingSink sink = Started(reader);
            chip.Lay(Card);
            Poll(reader, 50);
            Assert.AreEqual(1, sink.Cards);
            Assert.AreEqual(7, sink.LastReader);
            Assert.AreEqual(7, sink.LastLength);
            Assert.AreEqual("04A1B2C3D4E5F6", DoorController.Core.Hex.Encode(sink.LastUid).ToUpper());
        }

        [TestMethod]
        [DataRow(false)]
        [DataRow(true)]
        public void The_Same_Card_Presented_Again_Is_A_New_Read(bool halting)
        {
            FakeNfcChip chip = new FakeNfcChip(halting);
            NfcCardReader reader = new NfcCardReader(1, chip, halting ? NfcPlan.Mfrc522EmptyPollsToForget : NfcPlan.Pn532EmptyPollsToForget);
            RecordingSink sink = Started(reader);
            chip.Lay(Card);
            Poll(reader, 5);
            chip.Remove();
            Poll(reader, 5);
            chip.Lay(Card);
            Poll(reader, 5);
            Assert.AreEqual(2, sink.Cards);
        }

        [TestMethod]
        public void A_Reader_That_Forgets_After_Three_Empty_Polls_Does_Not_Split_One_Presentation_On_Two_Misses()
        {
            // An MFRC522 halts the card it read; a chip that misses an answer or two must not turn one presentation
            // into two reads.
            FakeNfcChip chip = new FakeNfcChip(false);
            NfcCardReader reader = new NfcCardReader(1, chip, NfcPlan.Mfrc522EmptyPollsToForget);
            RecordingSink sink = Started(reader);
            chip.Lay(Card);
            reader.Poll();
            chip.Remove();
            Poll(reader, 2);
            chip.Lay(Card);
            reader.Poll();
            Assert.AreEqual(1, sink.Cards, "two missed answers in a row are not a new presentation");
            chip.Remove();
            Poll(reader, 3);
            chip.Lay(Card);
            reader.Poll();
            Assert.AreEqual(2, sink.Cards, "three empty polls are");
        }

        [TestMethod]
        public void A_Bus_Error_Is_Counted_And_Forgets_The_Card()
        {
            FakeNfcChip chip = new FakeNfcChip(false);
            NfcCardReader reader = new NfcCardReader(1, chip, 1);
            RecordingSink sink = Started(reader);
            chip.Lay(Card);
            reader.Poll();
            chip.BusBroken = true;
            Poll(reader, 3);
            Assert.AreEqual(3, reader.BusErrors);
            chip.BusBroken = false;
            reader.Poll();
            Assert.AreEqual(2, sink.Cards, "after a bus error the card on the pad is read again rather than lost");
        }

        [TestMethod]
        public void Without_A_Chip_The_Reader_Reports_Itself_Absent_And_Polls_Nothing()
        {
            NfcCardReader reader = new NfcCardReader(1, null, 1);
            Assert.IsFalse(reader.Start(new RecordingSink()));
            reader.Poll();
        }

        [TestMethod]
        public void Polls_Before_Start_Or_After_Stop_Do_Not_Touch_The_Chip()
        {
            FakeNfcChip chip = new FakeNfcChip(false);
            NfcCardReader reader = new NfcCardReader(1, chip, 1);
            reader.Poll();
            RecordingSink sink = Started(reader);
            reader.Stop();
            chip.Lay(Card);
            reader.Poll();
            Assert.AreEqual(0, chip.Looks);
            Assert.AreEqual(0, sink.Cards);
        }
    }
}

using System.Collections;
using System.Text;
using DoorController.Access;
using DoorController.Core;
using DoorController.Readers;
using DoorController.Tests.Support;
using nanoFramework.TestFramework;

namespace DoorController.Tests.Readers
{
    [TestClass]
    public class ReaderPlumbingTests
    {
        [TestMethod]
        public void Reader_Direction_Beats_Method_Direction_Which_Beats_The_Hint()
        {
            DirectionMap map = new DirectionMap();
            map.SetForMethod(CredentialMethod.Nfc, Direction.Exit);
            map.SetForReader(9, Direction.Entry);
            Assert.AreEqual((int)Direction.Entry, (int)map.Resolve(CredentialMethod.Nfc, 9, Direction.Exit));
            Assert.AreEqual((int)Direction.Exit, (int)map.Resolve(CredentialMethod.Nfc, 1, Direction.Entry));
            Assert.AreEqual((int)Direction.Entry, (int)map.Resolve(CredentialMethod.Qr, 1, Direction.Entry));
            Assert.AreEqual((int)Direction.Unknown, (int)map.Resolve(CredentialMethod.Qr, 1, Direction.Unknown));
        }

        [TestMethod]
        public void Direction_Map_Has_A_Fixed_Number_Of_Reader_Slots()
        {
            DirectionMap map = new DirectionMap();
            for (int i = 0; i < DirectionMap.MaximumReaders; i++)
            {
                Assert.IsTrue(map.SetForReader(i, Direction.Exit));
            }
            Assert.IsFalse(map.SetForReader(100, Direction.Exit));
            Assert.IsTrue(map.SetForReader(3, Direction.Entry), "updating a known reader still works");
        }

        [TestMethod]
        public void Serial_Lines_Split_On_Cr_Lf_And_Drop_Overlong_Lines_Whole()
        {
            SerialLineAssembler lines = new SerialLineAssembler(8);
            byte[] input = Encoding.UTF8.GetBytes("abc\r\n\r\n0123456789\nok\n");
            ArrayList got = new ArrayList();
            foreach (byte b in input)
            {
                if (lines.Append(b))
                {
                    got.Add(lines.TakeLine());
                }
            }
            Assert.AreEqual(2, got.Count);
            Assert.AreEqual("abc", (string)got[0]);
            Assert.AreEqual("ok", (string)got[1]);
            Assert.AreEqual(1, lines.DroppedLines);
        }

        [TestMethod]
        public void Serial_Bytes_Outside_Printable_Ascii_Become_Question_Marks()
        {
            SerialLineAssembler lines = new SerialLineAssembler(16);
            byte[] input = { 0x41, 0xC3, 0x28, 0x00, 0x42, 0x0A };
            string line = null;
            foreach (byte b in input)
            {
                if (lines.Append(b)) line = lines.TakeLine();
            }
            Assert.AreEqual("A?(?B", line);
        }

        [TestMethod]
        public void A_Scanned_Qr_Token_Becomes_A_Qr_Credential_Of_Its_User()
        {
            ManualClock clock = TokenFixture.Clock();
            CredentialQueue queue = new CredentialQueue();
            CredentialNormaliser normaliser = new CredentialNormaliser(clock, queue, null);
            normaliser.OnText(1, TokenFixture.Qr(TokenFixture.User, TokenFixture.NowStep));
            Assert.AreEqual(1, queue.Count, "QR not configured is still reported");
            CredentialInput input;
            queue.TryDequeue(out input);
            Assert.AreEqual((int)ReadOutcome.NotConfigured, (int)input.Outcome);
            normaliser.Qr = new QrTokenVerifier(TokenFixture.SiteKey(), clock);
            normaliser.OnText(1, TokenFixture.Qr(TokenFixture.User, TokenFixture.NowStep));
            normaliser.OnText(1, TokenFixture.Qr(TokenFixture.User, TokenFixture.NowStep));
            queue.TryDequeue(out input);
            Assert.IsTrue(input.IsAccepted);
            Assert.AreEqual((int)CredentialMethod.Qr, (int)input.Method);
            Assert.AreEqual("00000412", Hex.Encode(input.Value));
            queue.TryDequeue(out input);
            Assert.AreEqual((int)ReadOutcome.Replayed, (int)input.Outcome, "a screenshot shown twice");
            Assert.IsFalse(input.IsAccepted);
        }

        [TestMethod]
        public void External_Terminal_Users_Pass_Through_With_Their_Hint()
        {
            ManualClock clock = TokenFixture.Clock();
            CredentialQueue queue = new CredentialQueue();
            CredentialNormaliser normaliser = new CredentialNormaliser(clock, queue, null);
            normaliser.OnExternal(8, new byte[] { 0xA1 }, Direction.Exit);
            normaliser.OnExternal(8, new byte[0], Direction.Exit);
            CredentialInput input;
            queue.TryDequeue(out input);
            Assert.IsTrue(input.IsAccepted);
            Assert.AreEqual((int)Direction.Exit, (int)input.Direction);
            queue.TryDequeue(out input);
            Assert.AreEqual((int)ReadOutcome.InvalidLength, (int)input.Outcome);
        }

        [TestMethod]
        public void A_Full_Credential_Queue_Refuses_New_Reads_And_Counts_Them()
        {
            CredentialQueue queue = new CredentialQueue(2);
            Assert.IsTrue(queue.TryEnqueue(new CredentialInput(CredentialMethod.Nfc, new byte[] { 1 }, Direction.Unknown, 1, ReadOutcome.Accepted, 1)));
            Assert.IsTrue(queue.TryEnqueue(new CredentialInput(CredentialMethod.Nfc, new byte[] { 2 }, Direction.Unknown, 1, ReadOutcome.Accepted, 2)));
            Assert.IsFalse(queue.TryEnqueue(new CredentialInput(CredentialMethod.Nfc, new byte[] { 3 }, Direction.Unknown, 1, ReadOutcome.Accepted, 3)));
            Assert.AreEqual(1, queue.Dropped);
            CredentialInput input;
            queue.TryDequeue(out input);
            Assert.AreEqual(1, (int)input.Value[0], "oldest first");
        }

        [TestMethod]
        public void A_Rejected_Read_Never_Carries_A_Value()
        {
            CredentialInput input = new CredentialInput(CredentialMethod.Nfc, new byte[] { 1, 2, 3, 4 }, Direction.Unknown, 1, ReadOutcome.ParityError, 0);
            Assert.IsNull(input.Value);
            Assert.IsFalse(input.IsAccepted);
            Assert.AreEqual("parity-error", ReadText.Of(input.Outcome));
        }

        [TestMethod]
        public void Replay_Cache_Reuses_Expired_Slots_Before_Live_Ones()
        {
            TokenReplayCache cache = new TokenReplayCache(2);
            cache.Record(1, 100, 99);
            cache.Record(2, 105, 104);
            cache.Record(3, 105, 104); // user 1's step 100 is outside the window: its slot goes
            Assert.IsFalse(cache.IsFresh(2, 105), "user 2 is still remembered");
            Assert.IsFalse(cache.IsFresh(3, 105));
            Assert.IsTrue(cache.IsFresh(1, 100), "user 1 was forgotten, safely: step 100 is expired anyway");
        }

        [TestMethod]
        public void Replay_Cache_Full_Of_Live_Slots_Forgets_The_Least_Recently_Used()
        {
            TokenReplayCache cache = new TokenReplayCache(2);
            cache.Record(1, 100, 99);
            cache.Record(2, 100, 99);
            cache.Record(1, 101, 99); // user 1 again: now the most recent
            cache.Record(3, 101, 99); // every slot live: user 2's goes
            Assert.IsFalse(cache.IsFresh(1, 101), "user 1 is still remembered");
            Assert.IsFalse(cache.IsFresh(3, 101));
            Assert.IsTrue(cache.IsFresh(2, 100), "user 2 was the least recently used");
        }
    }
}

using DoorController.Core;
using DoorController.Readers;
using DoorController.Tests.Support;
using nanoFramework.TestFramework;

namespace DoorController.Tests.Readers
{
    [TestClass]
    public class PinEntryTests
    {
        private static CredentialNormaliser NewNormaliser(ManualClock clock, CredentialQueue queue)
        {
            return new CredentialNormaliser(clock, queue, null);
        }

        private static void Type(CredentialNormaliser normaliser, ManualClock clock, string keys)
        {
            for (int i = 0; i < keys.Length; i++)
            {
                normaliser.OnKey(5, keys[i]);
                clock.Advance(300);
            }
        }

        private static CredentialInput Single(CredentialQueue queue)
        {
            Assert.AreEqual(1, queue.Count);
            CredentialInput input;
            queue.TryDequeue(out input);
            return input;
        }

        [TestMethod]
        public void Digits_Then_Hash_Submit_The_Pin()
        {
            ManualClock clock = TokenFixture.Clock();
            CredentialQueue queue = new CredentialQueue();
            CredentialNormaliser normaliser = NewNormaliser(clock, queue);
            Type(normaliser, clock, "2580#");
            CredentialInput input = Single(queue);
            Assert.IsTrue(input.IsAccepted);
            Assert.AreEqual((int)DoorController.Access.CredentialMethod.Pin, (int)input.Method);
            Assert.AreEqual("32353830", Hex.Encode(input.Value));
            Assert.AreEqual(5, input.ReaderId);
        }

        [TestMethod]
        public void Star_Clears_What_Was_Typed()
        {
            ManualClock clock = TokenFixture.Clock();
            CredentialQueue queue = new CredentialQueue();
            CredentialNormaliser normaliser = NewNormaliser(clock, queue);
            Type(normaliser, clock, "99*1234#");
            Assert.AreEqual("31323334", Hex.Encode(Single(queue).Value));
        }

        [TestMethod]
        public void A_Pause_Longer_Than_The_Key_Timeout_Abandons_The_Entry()
        {
            ManualClock clock = TokenFixture.Clock();
            CredentialQueue queue = new CredentialQueue();
            CredentialNormaliser normaliser = NewNormaliser(clock, queue);
            Type(normaliser, clock, "12");
            clock.Advance(4000);
            normaliser.Tick();
            Assert.AreEqual(0, queue.Count, "not yet: 4.3 s since the last key");
            clock.Advance(1000);
            normaliser.Tick();
            CredentialInput input = Single(queue);
            Assert.AreEqual((int)ReadOutcome.PinTimeout, (int)input.Outcome);
            Type(normaliser, clock, "34#");
            Assert.AreEqual((int)ReadOutcome.PinTooShort, (int)Single(queue).Outcome, "the abandoned digits do not carry over");
        }

        [TestMethod]
        public void Stale_Digits_Are_Dropped_Even_Without_A_Tick()
        {
            ManualClock clock = TokenFixture.Clock();
            CredentialQueue queue = new CredentialQueue();
            CredentialNormaliser normaliser = NewNormaliser(clock, queue);
            Type(normaliser, clock, "99");
            clock.Advance(6000);
            Type(normaliser, clock, "1234#");
            Assert.AreEqual("31323334", Hex.Encode(Single(queue).Value));
        }

        [TestMethod]
        public void Too_Short_And_Too_Long_Pins_Are_Refused()
        {
            ManualClock clock = TokenFixture.Clock();
            CredentialQueue queue = new CredentialQueue();
            CredentialNormaliser normaliser = NewNormaliser(clock, queue);
            Type(normaliser, clock, "123#");
            Assert.AreEqual((int)ReadOutcome.PinTooShort, (int)Single(queue).Outcome);
            Type(normaliser, clock, "123456789");
            Assert.AreEqual((int)ReadOutcome.PinTooLong, (int)Single(queue).Outcome);
        }

        [TestMethod]
        public void Hash_Alone_And_Unknown_Keys_Do_Nothing()
        {
            ManualClock clock = TokenFixture.Clock();
            CredentialQueue queue = new CredentialQueue();
            CredentialNormaliser normaliser = NewNormaliser(clock, queue);
            Type(normaliser, clock, "#A?#");
            Assert.AreEqual(0, queue.Count);
        }

        [TestMethod]
        public void Keys_From_Another_Keypad_Start_A_New_Entry()
        {
            ManualClock clock = TokenFixture.Clock();
            CredentialQueue queue = new CredentialQueue();
            CredentialNormaliser normaliser = NewNormaliser(clock, queue);
            Type(normaliser, clock, "99");
            normaliser.OnKey(6, '1');
            normaliser.OnKey(6, '2');
            normaliser.OnKey(6, '3');
            normaliser.OnKey(6, '4');
            normaliser.OnKey(6, '#');
            CredentialInput input = Single(queue);
            Assert.AreEqual("31323334", Hex.Encode(input.Value));
            Assert.AreEqual(6, input.ReaderId);
        }
    }
}

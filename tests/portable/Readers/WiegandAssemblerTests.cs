using System;
using DoorController.Core;
using DoorController.Readers;
using DoorController.Tests.Support;
using nanoFramework.TestFramework;

namespace DoorController.Tests.Readers
{
    [TestClass]
    public class WiegandAssemblerTests
    {
        private const string Card18_12345 = "00001001000110000001110011";

        /// <summary>Sends <paramref name="bits"/> as 50 us low pulses every 2 ms starting at <paramref name="startUs"/>.</summary>
        private static long Send(FakeInput d0, FakeInput d1, string bits, long startUs)
        {
            long t = startUs;
            for (int i = 0; i < bits.Length; i++)
            {
                FakeInput line = bits[i] == '1' ? d1 : d0;
                line.Edge(false, t);
                line.Edge(true, t + 50);
                t += 2000;
            }
            return t;
        }

        private static ManualClock NewClock()
        {
            return new ManualClock(new DateTime(2026, 11, 21, 8, 0, 0));
        }

        private static WiegandReader NewReader(ManualClock clock, FakeInput d0, FakeInput d1, CredentialQueue queue)
        {
            CredentialNormaliser normaliser = new CredentialNormaliser(clock, queue, null);
            WiegandReader reader = new WiegandReader(3, d0, d1, new WiegandSettings(), clock);
            Assert.IsTrue(reader.Start(normaliser));
            return reader;
        }

        [TestMethod]
        public void A_Card_Frame_Becomes_A_Wiegand_Credential_After_The_End_Of_Frame_Silence()
        {
            ManualClock clock = NewClock();
            FakeInput d0 = new FakeInput(true);
            FakeInput d1 = new FakeInput(true);
            CredentialQueue queue = new CredentialQueue();
            WiegandReader reader = NewReader(clock, d0, d1, queue);
            Assert.AreEqual(Card18_12345, "0" + "00010010" + "0011000000111001" + "1");
            Send(d0, d1, Card18_12345, 1000000);
            clock.Advance(10);
            Assert.AreEqual(0, reader.PollFrames(), "not complete before 25 ms of silence");
            clock.Advance(20);
            Assert.AreEqual(1, reader.PollFrames());
            CredentialInput input;
            Assert.IsTrue(queue.TryDequeue(out input));
            Assert.IsTrue(input.IsAccepted);
            Assert.AreEqual((int)DoorController.Access.CredentialMethod.Wiegand, (int)input.Method);
            Assert.AreEqual(3, input.ReaderId);
            Assert.AreEqual("123039", Hex.Encode(input.Value));
        }

        [TestMethod]
        public void A_Short_Glitch_On_The_Other_Line_Is_Dropped_And_The_Frame_Still_Reads()
        {
            ManualClock clock = NewClock();
            FakeInput d0 = new FakeInput(true);
            FakeInput d1 = new FakeInput(true);
            CredentialQueue queue = new CredentialQueue();
            WiegandReader reader = NewReader(clock, d0, d1, queue);
            long t = Send(d0, d1, Card18_12345.Substring(0, 10), 0);
            d1.Edge(false, t - 1000);
            d1.Edge(true, t - 995); // 5 us spike between two bits
            Send(d0, d1, Card18_12345.Substring(10), t);
            clock.Advance(30);
            reader.PollFrames();
            CredentialInput input;
            Assert.IsTrue(queue.TryDequeue(out input));
            Assert.AreEqual((int)ReadOutcome.Accepted, (int)input.Outcome);
            Assert.AreEqual(1, reader.Assembler.Glitches);
        }

        [TestMethod]
        [DataRow(0)] // an extra pulse 100 us after a bit: too close to be data
        [DataRow(1)] // both lines low at once
        [DataRow(2)] // a low lasting 3 ms: not a data pulse
        public void Noise_Inside_A_Frame_Makes_The_Whole_Frame_Noise(int kind)
        {
            ManualClock clock = NewClock();
            FakeInput d0 = new FakeInput(true);
            FakeInput d1 = new FakeInput(true);
            CredentialQueue queue = new CredentialQueue();
            WiegandReader reader = NewReader(clock, d0, d1, queue);
            long t = Send(d0, d1, Card18_12345.Substring(0, 13), 0);
            if (kind == 0)
            {
                d1.Edge(false, t - 1900);
                d1.Edge(true, t - 1850);
            }
            else if (kind == 1)
            {
                d0.Edge(false, t);
                d1.Edge(false, t + 10);
                d1.Edge(true, t + 60);
                d0.Edge(true, t + 70);
                t += 2000;
            }
            else
            {
                d0.Edge(false, t);
                d0.Edge(true, t + 3000);
                t += 5000;
            }
            Send(d0, d1, Card18_12345.Substring(13), t);
            clock.Advance(30);
            reader.PollFrames();
            CredentialInput input;
            Assert.IsTrue(queue.TryDequeue(out input));
            Assert.AreEqual((int)ReadOutcome.Noise, (int)input.Outcome);
            Assert.IsNull(input.Value);
        }

        [TestMethod]
        public void A_Frame_Cut_Short_Is_Truncated()
        {
            ManualClock clock = NewClock();
            FakeInput d0 = new FakeInput(true);
            FakeInput d1 = new FakeInput(true);
            CredentialQueue queue = new CredentialQueue();
            WiegandReader reader = NewReader(clock, d0, d1, queue);
            Send(d0, d1, Card18_12345.Substring(0, 20), 0);
            clock.Advance(30);
            reader.PollFrames();
            CredentialInput input;
            Assert.IsTrue(queue.TryDequeue(out input));
            Assert.AreEqual((int)ReadOutcome.Truncated, (int)input.Outcome);
        }

        [TestMethod]
        public void Two_Frames_Are_Separated_By_Silence_Even_When_The_Main_Loop_Is_Late()
        {
            ManualClock clock = NewClock();
            FakeInput d0 = new FakeInput(true);
            FakeInput d1 = new FakeInput(true);
            CredentialQueue queue = new CredentialQueue();
            WiegandReader reader = NewReader(clock, d0, d1, queue);
            long t = Send(d0, d1, Card18_12345, 0);
            string second = "0" + "0000010010100010" + "0001100101111100" + "1";
            Send(d0, d1, second, t + 40000);
            clock.Advance(30);
            Assert.AreEqual(2, reader.PollFrames());
            CredentialInput first;
            CredentialInput next;
            Assert.IsTrue(queue.TryDequeue(out first));
            Assert.IsTrue(queue.TryDequeue(out next));
            Assert.AreEqual("123039", Hex.Encode(first.Value));
            Assert.AreEqual("04a2197c", Hex.Encode(next.Value));
        }

        [TestMethod]
        public void Without_Width_Measurement_Falling_Edges_Alone_Make_The_Frame()
        {
            ManualClock clock = NewClock();
            FakeInput d0 = new FakeInput(true);
            FakeInput d1 = new FakeInput(true);
            CredentialQueue queue = new CredentialQueue();
            WiegandSettings settings = new WiegandSettings();
            settings.MeasurePulseWidth = false;
            WiegandReader reader = new WiegandReader(3, d0, d1, settings, clock);
            reader.Start(new CredentialNormaliser(clock, queue, null));
            long t = 0;
            for (int i = 0; i < Card18_12345.Length; i++)
            {
                // Only the falling edges arrive, as when the platform misses the short high-going edge.
                (Card18_12345[i] == '1' ? d1 : d0).Edge(false, t);
                t += 2000;
            }
            clock.Advance(30);
            reader.PollFrames();
            CredentialInput input;
            Assert.IsTrue(queue.TryDequeue(out input));
            Assert.AreEqual("123039", Hex.Encode(input.Value));
        }

        [TestMethod]
        public void Pulses_Reported_Without_Width_Still_Assemble()
        {
            ManualClock clock = NewClock();
            WiegandAssembler assembler = new WiegandAssembler(new WiegandSettings(), clock);
            for (int i = 0; i < Card18_12345.Length; i++)
            {
                assembler.OnPulse(Card18_12345[i] == '1' ? 1 : 0, i * 1500L, -1);
            }
            clock.Advance(25);
            WiegandFrame frame;
            Assert.IsTrue(assembler.TryTakeFrame(out frame));
            Assert.AreEqual(26, frame.BitCount);
            Assert.IsFalse(frame.Noisy);
            Assert.IsFalse(assembler.TryTakeFrame(out frame), "handed over once");
        }

        [TestMethod]
        public void A_Sink_That_Cannot_Take_Frames_Is_Refused_And_Stop_Detaches_The_Pins()
        {
            ManualClock clock = NewClock();
            FakeInput d0 = new FakeInput(true);
            FakeInput d1 = new FakeInput(true);
            WiegandReader reader = new WiegandReader(3, d0, d1, null, clock);
            Assert.IsFalse(reader.Start(null));
            Assert.IsTrue(reader.Start(new CredentialNormaliser(clock, new CredentialQueue(), null)));
            Assert.IsNotNull(d0.Listener);
            reader.Stop();
            Assert.IsNull(d0.Listener);
            Assert.IsNull(d1.Listener);
        }

        [TestMethod]
        public void A_Burst_Of_Frames_Waits_For_The_Main_Loop_Up_To_The_Pending_Limit()
        {
            ManualClock clock = NewClock();
            WiegandAssembler assembler = new WiegandAssembler(new WiegandSettings(), clock);
            int frames = WiegandAssembler.PendingFrames + 2;
            for (int f = 0; f < frames; f++)
            {
                for (int b = 0; b < 4; b++)
                {
                    assembler.OnPulse(b == 3 ? 1 : 0, f * 40000L + b * 2000L, 50);
                }
            }
            clock.Advance(30);
            int taken = 0;
            WiegandFrame frame;
            while (assembler.TryTakeFrame(out frame))
            {
                Assert.AreEqual(4, frame.BitCount);
                taken++;
            }
            // One frame more than the limit was closed by the next frame's first pulse and had nowhere to go;
            // the last one was still open and closes once there is room.
            Assert.AreEqual(frames - 1, taken);
            Assert.AreEqual(1, assembler.DroppedFrames);
        }

        [TestMethod]
        public void Wiegand_Keypad_Keys_Become_A_Pin()
        {
            ManualClock clock = NewClock();
            FakeInput d0 = new FakeInput(true);
            FakeInput d1 = new FakeInput(true);
            CredentialQueue queue = new CredentialQueue();
            WiegandReader reader = NewReader(clock, d0, d1, queue);
            string[] keys = { "0001", "0010", "0011", "0100", "1011" }; // 1 2 3 4 #
            long t = 0;
            foreach (string key in keys)
            {
                Send(d0, d1, key, t);
                t += 100000;
                clock.Advance(100);
                reader.PollFrames();
            }
            CredentialInput input;
            Assert.IsTrue(queue.TryDequeue(out input));
            Assert.AreEqual((int)DoorController.Access.CredentialMethod.Pin, (int)input.Method);
            Assert.AreEqual("31323334", Hex.Encode(input.Value));
        }
    }
}

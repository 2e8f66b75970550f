using DoorController.Core;
using DoorController.Readers;
using nanoFramework.TestFramework;

namespace DoorController.Tests.Readers
{
    [TestClass]
    public class WiegandFormatTests
    {
        // H10301, facility 18, card 12345: even parity 0 | 00010010 | 0011000000111001 | odd parity 1 (worked by hand).
        private const string Card18_12345 = "0" + "00010010" + "0011000000111001" + "1";

        // 34-bit, data 0x04A2197C: first 16 data bits have 4 ones -> even parity 0; last 16 have 8 ones -> odd parity 1.
        private const string Uid04A2197C = "0" + "0000010010100010" + "0001100101111100" + "1";

        private static ReadOutcome Decode(string bits, out byte[] value)
        {
            return WiegandFormat.DecodeCard(new WiegandFrame(Bits.Parse(bits), bits.Length, false), out value);
        }

        [TestMethod]
        public void H10301_Frame_Decodes_To_Facility_And_Card()
        {
            byte[] value;
            Assert.AreEqual((int)ReadOutcome.Accepted, (int)Decode(Card18_12345, out value));
            Assert.AreEqual("123039", Hex.Encode(value));
        }

        [TestMethod]
        public void Encoder_Matches_The_Hand_Written_Frames()
        {
            Assert.AreEqual(Bits.Parse(Card18_12345), WiegandFormat.Encode26(18, 12345));
            Assert.AreEqual(Bits.Parse(Uid04A2197C), WiegandFormat.Encode34(0x04A2197C));
        }

        [TestMethod]
        public void Frame_34_Bit_Decodes_To_Four_Bytes()
        {
            byte[] value;
            Assert.AreEqual((int)ReadOutcome.Accepted, (int)Decode(Uid04A2197C, out value));
            Assert.AreEqual("04a2197c", Hex.Encode(value));
        }

        [TestMethod]
        public void Any_Single_Flipped_Bit_Is_A_Parity_Error_In_26_And_34_Bit_Frames()
        {
            string[] frames = { Card18_12345, Uid04A2197C };
            foreach (string frame in frames)
            {
                for (int i = 0; i < frame.Length; i++)
                {
                    byte[] value;
                    Assert.AreEqual((int)ReadOutcome.ParityError, (int)Decode(Bits.Flip(frame, i), out value), "bit " + i.ToString());
                    Assert.IsNull(value);
                }
            }
        }

        [TestMethod]
        [DataRow(1, 3)]    // truncated
        [DataRow(12, 3)]
        [DataRow(25, 3)]
        [DataRow(27, 4)]   // unsupported lengths
        [DataRow(33, 4)]
        [DataRow(35, 4)]
        [DataRow(37, 4)]
        [DataRow(64, 4)]
        public void Other_Lengths_Are_Truncated_Or_Unsupported(int bitCount, int expectedOutcome)
        {
            byte[] value;
            ReadOutcome outcome = WiegandFormat.DecodeCard(new WiegandFrame(0x5555555555555555UL, bitCount, false), out value);
            Assert.AreEqual(expectedOutcome, (int)outcome);
            Assert.IsNull(value);
        }

        [TestMethod]
        public void A_Noisy_Frame_Is_Noise_Even_With_Good_Parity()
        {
            byte[] value;
            ReadOutcome outcome = WiegandFormat.DecodeCard(new WiegandFrame(Bits.Parse(Card18_12345), 26, true), out value);
            Assert.AreEqual((int)ReadOutcome.Noise, (int)outcome);
        }

        [TestMethod]
        [DataRow("0111", "7")]
        [DataRow("1010", "*")]
        [DataRow("1011", "#")]
        [DataRow("11110000", "0")]
        [DataRow("10100101", "5")]
        public void Keypad_Frames_Decode_To_Keys(string bits, string expected)
        {
            char key;
            Assert.IsTrue(WiegandFormat.TryDecodeKey(new WiegandFrame(Bits.Parse(bits), bits.Length, false), out key));
            Assert.AreEqual(expected, key.ToString());
        }

        [TestMethod]
        [DataRow("1100")]       // 12 is no key
        [DataRow("00000101")]   // 8-bit with a wrong complement nibble
        public void Bad_Keypad_Frames_Are_Not_Keys(string bits)
        {
            char key;
            Assert.IsFalse(WiegandFormat.TryDecodeKey(new WiegandFrame(Bits.Parse(bits), bits.Length, false), out key));
        }
    }
}

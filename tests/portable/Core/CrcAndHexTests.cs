using System.Text;
using DoorController.Core;
using nanoFramework.TestFramework;

namespace DoorController.Tests.Core
{
    [TestClass]
    public class CrcAndHexTests
    {
        [TestMethod]
        public void Crc32_Of_Check_String_Matches_The_Standard_Check_Value()
        {
            // "123456789" is the catalogue check input for CRC-32/ISO-HDLC; its check value is 0xCBF43926.
            byte[] data = Encoding.UTF8.GetBytes("123456789");
            Assert.AreEqual(0xCBF43926u, Crc32.Compute(data));
        }

        [TestMethod]
        public void Crc32_Streaming_Equals_One_Shot()
        {
            byte[] data = Encoding.UTF8.GetBytes("door controller journal record");
            uint state = Crc32.Start();
            state = Crc32.Update(state, data, 0, 10);
            state = Crc32.Update(state, data, 10, data.Length - 10);
            Assert.AreEqual(Crc32.Compute(data), Crc32.Finish(state));
        }

        [TestMethod]
        public void Crc32_Detects_A_Single_Flipped_Bit()
        {
            byte[] data = Encoding.UTF8.GetBytes("abcdefgh");
            uint before = Crc32.Compute(data);
            data[3] ^= 0x10;
            Assert.AreNotEqual(before, Crc32.Compute(data));
        }

        [TestMethod]
        public void Crc32_Of_Empty_Input_Is_Zero()
        {
            Assert.AreEqual(0u, Crc32.Compute(new byte[0]));
        }

        [TestMethod]
        [DataRow("00ff10Ab", 4)]
        [DataRow("", 0)]
        public void Hex_Round_Trips(string text, int length)
        {
            byte[] bytes;
            Assert.IsTrue(Hex.TryDecode(text, out bytes));
            Assert.AreEqual(length, bytes.Length);
            Assert.AreEqual(text.ToLower(), Hex.Encode(bytes));
        }

        [TestMethod]
        [DataRow("abc")]
        [DataRow("zz")]
        [DataRow("0x12")]
        public void Hex_Rejects_Malformed_Text(string text)
        {
            byte[] bytes;
            Assert.IsFalse(Hex.TryDecode(text, out bytes));
            Assert.IsNull(bytes);
        }

        [TestMethod]
        public void LittleEndian_Round_Trips_Extremes()
        {
            byte[] buffer = new byte[8];
            LittleEndian.WriteInt64(buffer, 0, -2L);
            Assert.AreEqual(-2L, LittleEndian.ReadInt64(buffer, 0));
            LittleEndian.WriteUInt32(buffer, 2, 0xDEADBEEF);
            Assert.AreEqual(0xDEADBEEFu, LittleEndian.ReadUInt32(buffer, 2));
            Assert.AreEqual((byte)0xEF, buffer[2]);
        }
    }
}

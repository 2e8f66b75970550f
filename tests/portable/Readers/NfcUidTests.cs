using DoorController.Core;
using DoorController.Readers;
using DoorController.Tests.Support;
using nanoFramework.TestFramework;

namespace DoorController.Tests.Readers
{
    [TestClass]
    public class NfcUidTests
    {
        [TestMethod]
        [DataRow(0, 1)]
        [DataRow(1, 1)]
        [DataRow(3, 1)]
        [DataRow(4, 0)]
        [DataRow(5, 1)]
        [DataRow(6, 1)]
        [DataRow(7, 0)]
        [DataRow(8, 1)]
        [DataRow(9, 1)]
        [DataRow(10, 0)]
        [DataRow(11, 1)]
        [DataRow(16, 1)]
        public void Only_4_7_And_10_Byte_Uids_Are_Accepted(int length, int expected)
        {
            byte[] uid = new byte[16];
            for (int i = 0; i < uid.Length; i++) uid[i] = (byte)(0x04 + i);
            byte[] value;
            Assert.AreEqual(expected, (int)NfcUid.Validate(uid, length, out value));
            Assert.AreEqual(expected == 0, value != null);
            if (value != null) Assert.AreEqual(length, value.Length);
        }

        [TestMethod]
        public void A_Random_Id_Card_Is_Not_A_Credential()
        {
            byte[] value;
            Assert.AreEqual((int)ReadOutcome.RandomUid, (int)NfcUid.Validate(new byte[] { 0x08, 0x12, 0x34, 0x56 }, 4, out value));
            Assert.IsNull(value);
        }

        [TestMethod]
        [DataRow("88123456")]
        [DataRow("00000000")]
        [DataRow("ffffffffffffff")]
        public void Cascade_Tags_And_Empty_Bus_Reads_Are_Malformed(string hex)
        {
            byte[] uid;
            Hex.TryDecode(hex, out uid);
            byte[] value;
            Assert.AreEqual((int)ReadOutcome.Malformed, (int)NfcUid.Validate(uid, uid.Length, out value));
        }

        [TestMethod]
        public void Length_Beyond_The_Buffer_Or_Null_Is_Refused_Without_Exception()
        {
            byte[] value;
            Assert.AreEqual((int)ReadOutcome.InvalidLength, (int)NfcUid.Validate(new byte[] { 1, 2, 3 }, 4, out value));
            Assert.AreEqual((int)ReadOutcome.InvalidLength, (int)NfcUid.Validate(null, 4, out value));
            Assert.AreEqual((int)ReadOutcome.InvalidLength, (int)NfcUid.Validate(new byte[] { 1, 2, 3, 4 }, -1, out value));
        }

        [TestMethod]
        public void The_Normaliser_Copies_The_Uid_And_Applies_The_Reader_Direction()
        {
            ManualClock clock = TokenFixture.Clock();
            CredentialQueue queue = new CredentialQueue();
            DirectionMap directions = new DirectionMap();
            directions.SetForMethod(DoorController.Access.CredentialMethod.Nfc, DoorController.Access.Direction.Exit);
            CredentialNormaliser normaliser = new CredentialNormaliser(clock, queue, directions);
            byte[] buffer = new byte[] { 0x04, 0xA2, 0x19, 0x7C, 0x5B, 0x80, 0x00, 0xEE, 0xEE };
            normaliser.OnCardUid(2, buffer, 7);
            buffer[0] = 0xFF;
            CredentialInput input;
            Assert.IsTrue(queue.TryDequeue(out input));
            Assert.AreEqual("04a2197c5b8000", Hex.Encode(input.Value), "the queued value must not change with the reader's buffer");
            Assert.AreEqual((int)DoorController.Access.Direction.Exit, (int)input.Direction);
            Assert.AreEqual(2, input.ReaderId);
        }
    }
}

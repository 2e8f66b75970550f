using System.Text;
using DoorController.Core;
using nanoFramework.TestFramework;

namespace DoorController.Tests.Core
{
    [TestClass]
    public class KeyedHashTests
    {
        [TestMethod]
        public void Hmac_Matches_Rfc4231_Test_Case_2()
        {
            // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?".
            byte[] mac = KeyedHash.Compute(Encoding.UTF8.GetBytes("Jefe"), Encoding.UTF8.GetBytes("what do ya want for nothing?"));
            Assert.AreEqual("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843", Hex.Encode(mac));
        }

        [TestMethod]
        public void Truncated_Hash_Is_A_Prefix_Of_The_Full_Mac()
        {
            byte[] key = Encoding.UTF8.GetBytes("site-key");
            byte[] uid = new byte[] { 0x04, 0xA2, 0x19, 0x7C };
            byte[] full = KeyedHash.Compute(key, uid);
            byte[] truncated = KeyedHash.Truncated(key, uid);
            Assert.AreEqual(KeyedHash.CredentialHashLength, truncated.Length);
            Assert.IsTrue(KeyedHash.FixedTimeEquals(full, 0, truncated, 0, truncated.Length));
        }

        [TestMethod]
        public void Different_Keys_Give_Different_Credential_Ids()
        {
            byte[] uid = new byte[] { 1, 2, 3, 4, 5, 6, 7 };
            byte[] a = KeyedHash.Truncated(Encoding.UTF8.GetBytes("site-a"), uid);
            byte[] b = KeyedHash.Truncated(Encoding.UTF8.GetBytes("site-b"), uid);
            Assert.IsFalse(KeyedHash.FixedTimeEquals(a, b));
        }

        [TestMethod]
        public void FixedTimeEquals_Rejects_Length_Mismatch_And_Null()
        {
            Assert.IsFalse(KeyedHash.FixedTimeEquals(new byte[] { 1 }, new byte[] { 1, 2 }));
            Assert.IsFalse(KeyedHash.FixedTimeEquals(null, new byte[] { 1 }));
            Assert.IsFalse(KeyedHash.FixedTimeEquals(new byte[] { 1, 2 }, 1, new byte[] { 2 }, 0, 2));
            Assert.IsTrue(KeyedHash.FixedTimeEquals(new byte[] { 9, 2 }, 1, new byte[] { 2 }, 0, 1));
        }
    }
}

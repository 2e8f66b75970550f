using DoorController.Config;
using nanoFramework.TestFramework;

namespace DoorController.Tests.Config
{
    /// <summary>The PEM handed to X509Certificate(byte[]) on the device: mbedTLS parses PEM only up to a zero byte.</summary>
    [TestClass]
    public class PemBytesTests
    {
        private const string Pem = "-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUQ2Vy\n-----END CERTIFICATE-----\n";

        [TestMethod]
        public void The_Bytes_Are_The_Text_Followed_By_Exactly_One_Zero()
        {
            byte[] bytes = PemBytes.Terminated(Pem);
            Assert.AreEqual(Pem.Length + 1, bytes.Length);
            Assert.AreEqual((byte)0, bytes[bytes.Length - 1]);
            for (int i = 0; i < Pem.Length; i++)
            {
                Assert.AreEqual((byte)Pem[i], bytes[i], "byte " + i.ToString());
            }
            for (int i = 0; i < bytes.Length - 1; i++)
            {
                Assert.AreNotEqual((byte)0, bytes[i], "no zero inside the PEM text");
            }
        }

        [TestMethod]
        public void A_Value_That_Already_Ends_In_Zero_Gets_Exactly_One()
        {
            byte[] bytes = PemBytes.Terminated(Pem + "\0\0");
            Assert.AreEqual(Pem.Length + 1, bytes.Length);
            Assert.AreEqual((byte)0, bytes[bytes.Length - 1]);
            Assert.AreEqual((byte)'\n', bytes[bytes.Length - 2]);
        }

        [TestMethod]
        public void An_Unset_Certificate_Is_Null()
        {
            Assert.IsNull(PemBytes.Terminated(""));
            Assert.IsNull(PemBytes.Terminated(null));
        }
    }
}

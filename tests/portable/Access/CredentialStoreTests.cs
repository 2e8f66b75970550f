using System.IO;
using DoorController.Access;
using DoorController.Core;
using DoorController.Tests.Support;
using nanoFramework.TestFramework;

namespace DoorController.Tests.Access
{
    /// <summary>The controller's credential store file: builder, lookup, validity fields, corruption.</summary>
    [TestClass]
    public class CredentialStoreTests
    {
        private static readonly CredentialHasher Hasher = new CredentialHasher(PatentSite.Key);

        private static byte[] Raw(int i)
        {
            return new byte[] { 0x04, (byte)(i >> 24), (byte)(i >> 16), (byte)(i >> 8), (byte)i, 0x80 };
        }

        private static InMemoryCredentialDirectory Directory(int count)
        {
            InMemoryCredentialDirectory d = new InMemoryCredentialDirectory();
            for (int i = 0; i < count; i++)
            {
                d.Add(Hasher.Hash(CredentialMethod.Nfc, Raw(i)), 1000 + i, CredentialMethod.Nfc, 1700000000 + i, 1800000000 + i,
                      i % 7 == 0 ? CredentialFlags.OneTime : CredentialFlags.None, i % 65536);
            }
            return d;
        }

        private static byte[] Build(InMemoryCredentialDirectory d, byte[] site)
        {
            MemoryStream ms = new MemoryStream();
            string error;
            Assert.IsTrue(CredentialStoreBuilder.Write(ms, d, site, 7, out error), error);
            return ms.ToArray();
        }

        private static FileCredentialDirectory Open(byte[] file, int indexEntries)
        {
            return new FileCredentialDirectory(new MemoryStream(file), 0, indexEntries);
        }

        [DataRow(0, 1024)]
        [DataRow(1, 1024)]
        [DataRow(5, 1024)]
        [DataRow(3000, 1024)]
        [DataRow(3000, 4)]
        [DataRow(3000, 1)]
        [TestMethod]
        public void Every_Credential_Is_Found_With_Its_Fields_And_Others_Are_Not(int count, int indexEntries)
        {
            byte[] file = Build(Directory(count), null);
            Assert.AreEqual(CredentialStoreFormat.HeaderSize + count * CredentialStoreFormat.RecordSize, file.Length);
            FileCredentialDirectory store = Open(file, indexEntries);
            Assert.AreEqual((int)ReasonCode.Granted, (int)store.Status);
            Assert.AreEqual(count, store.Count);
            Assert.AreEqual(7u, store.Generation);
            CredentialInfo info = new CredentialInfo();
            for (int i = 0; i < count; i++)
            {
                Assert.AreEqual((int)ReasonCode.Granted, (int)store.Find(Hasher.Hash(CredentialMethod.Nfc, Raw(i)), 0, info), "credential " + i);
                Assert.AreEqual(1000 + i, info.UserId);
                Assert.AreEqual(1700000000L + i, info.ValidFromUnix);
                Assert.AreEqual(1800000000L + i, info.ValidToUnix);
                Assert.AreEqual(i % 7 == 0 ? CredentialFlags.OneTime : CredentialFlags.None, info.Flags);
                Assert.AreEqual(i % 65536, info.UsesAllowed);
                Assert.AreEqual((int)CredentialMethod.Nfc, (int)info.Method);
            }
            for (int i = count; i < count + 200; i++)
            {
                Assert.AreEqual((int)ReasonCode.UnknownCredential, (int)store.Find(Hasher.Hash(CredentialMethod.Nfc, Raw(i)), 0, info));
            }
        }

        [TestMethod]
        public void Hash_At_An_Offset_In_A_Larger_Buffer_Is_Found()
        {
            FileCredentialDirectory store = Open(Build(Directory(50), null), 8);
            byte[] buffer = new byte[40];
            System.Array.Copy(Hasher.Hash(CredentialMethod.Nfc, Raw(17)), 0, buffer, 9, 16);
            CredentialInfo info = new CredentialInfo();
            Assert.AreEqual((int)ReasonCode.Granted, (int)store.Find(buffer, 9, info));
            Assert.AreEqual(1017, info.UserId);
            Assert.AreEqual((int)ReasonCode.UnknownCredential, (int)store.Find(buffer, 30, info), "out of range");
        }

        [TestMethod]
        public void Store_Behind_A_Bundle_Header_Is_Read_From_Its_Base_Offset()
        {
            byte[] body = Build(Directory(100), null);
            byte[] file = new byte[32 + body.Length];
            System.Array.Copy(body, 0, file, 32, body.Length);
            FileCredentialDirectory store = new FileCredentialDirectory(new MemoryStream(file), 32, 16);
            CredentialInfo info = new CredentialInfo();
            Assert.AreEqual((int)ReasonCode.Granted, (int)store.Find(Hasher.Hash(CredentialMethod.Nfc, Raw(42)), 0, info));
        }

        [DataRow(0)]     // magic
        [DataRow(4)]     // version
        [DataRow(8)]     // count
        [DataRow(24)]    // records CRC
        [DataRow(44)]    // header CRC
        [DataRow(48)]    // first record
        [DataRow(1000)]  // a record in the middle
        [TestMethod]
        public void A_Flipped_Bit_Anywhere_Makes_Every_Lookup_Deny_As_Corrupt(int position)
        {
            byte[] file = Build(Directory(100), null);
            file[position] ^= 0x01;
            FileCredentialDirectory store = Open(file, 16);
            Assert.AreEqual((int)ReasonCode.CredentialStoreCorrupt, (int)store.Status);
            Assert.AreEqual((int)ReasonCode.CredentialStoreCorrupt, (int)store.Find(Hasher.Hash(CredentialMethod.Nfc, Raw(1)), 0, new CredentialInfo()));
        }

        [DataRow(0)]
        [DataRow(10)]
        [DataRow(47)]
        [DataRow(60)]
        [TestMethod]
        public void A_Truncated_File_Is_Corrupt(int length)
        {
            byte[] full = Build(Directory(10), null);
            byte[] file = new byte[length];
            System.Array.Copy(full, file, length);
            Assert.AreEqual((int)ReasonCode.CredentialStoreCorrupt, (int)Open(file, 16).Status);
        }

        [TestMethod]
        public void Records_Out_Of_Order_With_A_Matching_Crc_Are_Still_Corrupt()
        {
            byte[] file = Build(Directory(10), null);
            // Swap records 2 and 3, then fix both CRCs so only the order check can notice.
            byte[] tmp = new byte[32];
            System.Array.Copy(file, 48 + 64, tmp, 0, 32);
            System.Array.Copy(file, 48 + 96, file, 48 + 64, 32);
            System.Array.Copy(tmp, 0, file, 48 + 96, 32);
            byte[] header = new byte[48];
            System.Array.Copy(file, header, 48);
            CredentialStoreFormat.WriteHeader(header, 10, 7, Crc32.Compute(file, 48, 320), 0, 0, 0);
            System.Array.Copy(header, file, 48);
            Assert.AreEqual((int)ReasonCode.CredentialStoreCorrupt, (int)Open(file, 4).Status);
        }

        [TestMethod]
        public void Missing_File_Is_Unavailable_And_Decisions_Deny_With_That_Reason()
        {
            MemoryFileStore files = new MemoryFileStore();
            FileCredentialDirectory store = FileCredentialDirectory.Open(files, "cred.bin", 0);
            Assert.AreEqual((int)ReasonCode.CredentialStoreUnavailable, (int)store.Status);

            PatentSite s = new PatentSite();
            s.Sources.Credentials = store;
            AccessDecision d = s.Present(PatentSite.G1, CredentialMethod.Nfc, "04A1B2C3", PatentSite.FridayTenJst);
            Assert.IsFalse(d.Allowed);
            Assert.AreEqual((int)ReasonCode.CredentialStoreUnavailable, (int)d.Reason);
        }

        [TestMethod]
        public void Corrupted_Store_File_Denies_Decisions_With_Store_Corrupt()
        {
            PatentSite s = new PatentSite();
            MemoryFileStore files = new MemoryFileStore();
            string error;
            Assert.IsTrue(CredentialStoreBuilder.WriteFile(files, "cred.bin", s.Credentials, null, 1, out error), error);
            byte[] bytes = files.ReadAll("cred.bin");
            bytes[bytes.Length - 3] ^= 0x40;
            files.WriteAll("cred.bin", bytes);

            s.Sources.Credentials = FileCredentialDirectory.Open(files, "cred.bin", 0);
            AccessDecision d = s.Present(PatentSite.G1, CredentialMethod.Nfc, "04A1B2C3", PatentSite.FridayTenJst);
            Assert.IsFalse(d.Allowed);
            Assert.AreEqual((int)ReasonCode.CredentialStoreCorrupt, (int)d.Reason);
        }

        [TestMethod]
        public void Pipeline_Over_The_File_Store_Decides_Like_The_In_Memory_Directory()
        {
            PatentSite s = new PatentSite();
            MemoryFileStore files = new MemoryFileStore();
            string error;
            Assert.IsTrue(CredentialStoreBuilder.WriteFile(files, "cred.bin", s.Credentials, null, 1, out error), error);
            Assert.IsFalse(files.Exists("cred.bin.new"), "temporary file replaced");
            s.Sources.Credentials = FileCredentialDirectory.Open(files, "cred.bin", 0);
            Assert.IsTrue(s.Present(PatentSite.G1, CredentialMethod.ExternalFace, "face:A1", PatentSite.FridayTenJst).Allowed);
            Assert.IsTrue(s.Present(PatentSite.G5, CredentialMethod.Qr, "qr:A1", PatentSite.FridayTenJst + 60).Allowed);
            Assert.AreEqual((int)ReasonCode.UnknownCredential, (int)s.Present(PatentSite.G1, CredentialMethod.Nfc, "nope", PatentSite.FridayTenJst + 90).Reason);
        }

        [TestMethod]
        public void Builder_Rejects_Duplicate_Hashes_And_Out_Of_Range_Fields()
        {
            InMemoryCredentialDirectory d = new InMemoryCredentialDirectory();
            byte[] h = Hasher.Hash(CredentialMethod.Nfc, Raw(1));
            d.Add(h, 1, CredentialMethod.Nfc, 0, 0, 0, 0);
            d.Add(h, 2, CredentialMethod.Nfc, 0, 0, 0, 0);
            string error;
            Assert.IsFalse(CredentialStoreBuilder.Write(new MemoryStream(), d, null, 1, out error));
            Assert.IsNotNull(error);

            InMemoryCredentialDirectory e = new InMemoryCredentialDirectory();
            e.Add(h, 1, CredentialMethod.Nfc, 0, 0, 0, 70000);
            Assert.IsFalse(CredentialStoreBuilder.Write(new MemoryStream(), e, null, 1, out error));
        }

        [TestMethod]
        public void Site_Section_Bounds_Are_Recorded_In_The_Header()
        {
            byte[] site = new byte[] { 1, 2, 3, 4, 5 };
            byte[] file = Build(Directory(3), site);
            FileCredentialDirectory store = Open(file, 4);
            Assert.AreEqual((long)(48 + 3 * 32), store.SiteSectionPosition);
            Assert.AreEqual(5, store.SiteSectionLength);
            Assert.AreEqual(Crc32.Compute(site), store.SiteSectionCrc);
        }
    }
}

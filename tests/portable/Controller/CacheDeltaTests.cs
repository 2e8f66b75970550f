using System.IO;
using System.Text;
using DoorController.Access;
using DoorController.Controller;
using DoorController.Tests.Support;
using nanoFramework.TestFramework;
using DoorController.Contract;

namespace DoorController.Tests.Controller
{
    [TestClass]
    public class CacheDeltaTests
    {
        private static CredentialInfo Credential(PatentSite site, int userId, string raw)
        {
            CredentialInfo info = new CredentialInfo();
            byte[] hash = site.Hasher.Hash(CredentialMethod.Nfc, Encoding.UTF8.GetBytes(raw));
            System.Array.Copy(hash, info.Hash, hash.Length);
            info.UserId = userId;
            info.Method = CredentialMethod.Nfc;
            return info;
        }

        private static byte[] Delta(byte[][] removed, CredentialInfo[] upserts, uint generation)
        {
            MemoryStream delta = new MemoryStream();
            CacheDelta.Write(delta, removed, upserts, null, generation);
            return delta.ToArray();
        }

        private static bool Apply(byte[] installed, byte[] delta, out byte[] merged)
        {
            MemoryStream output = new MemoryStream();
            bool ok = CacheDelta.TryApply(new MemoryStream(installed), installed.Length, new MemoryStream(delta), delta.Length, 1, output);
            merged = output.ToArray();
            return ok;
        }

        private static bool Knows(byte[] body, PatentSite site, string raw)
        {
            MemoryFileStore files = new MemoryFileStore();
            CacheKit.Install(files, body, 6, PatentSite.FridayTenJst);
            OfflineCache cache = new OfflineCache(files, CacheKit.DeviceKey, new AccessOptions(), new ManualClock());
            Assert.IsTrue(cache.Load(), cache.Detail);
            CredentialInfo found = new CredentialInfo();
            byte[] hash = site.Hasher.Hash(CredentialMethod.Nfc, Encoding.UTF8.GetBytes(raw));
            return cache.Pipeline.Sources.Credentials.Find(hash, 0, found) == ReasonCode.Granted;
        }

        [TestMethod]
        public void A_Delta_Removes_Adds_And_Keeps_The_Rest_Of_The_Installed_Store()
        {
            PatentSite site = new PatentSite();
            byte[] installed = CacheKit.Body(site, CacheKit.DeviceKey, 5);
            byte[] guardCard = site.Hasher.Hash(CredentialMethod.Nfc, Encoding.UTF8.GetBytes("04GUARD1"));
            byte[] delta = Delta(new byte[][] { guardCard }, new CredentialInfo[] { Credential(site, PatentSite.Guest, "04NEW001") }, 6);
            byte[] merged;
            Assert.IsTrue(Apply(installed, delta, out merged));
            Assert.IsFalse(Knows(merged, site, "04GUARD1"), "revoked card still present");
            Assert.IsTrue(Knows(merged, site, "04NEW001"), "added card missing");
            Assert.IsTrue(Knows(merged, site, "04A1B2C3"), "untouched card lost");
        }

        [TestMethod]
        public void An_Upsert_Of_An_Existing_Hash_Replaces_The_Record()
        {
            PatentSite site = new PatentSite();
            byte[] installed = CacheKit.Body(site, CacheKit.DeviceKey, 5);
            CredentialInfo moved = Credential(site, PatentSite.Guest, "04A1B2C3");
            byte[] merged;
            Assert.IsTrue(Apply(installed, Delta(new byte[0][], new CredentialInfo[] { moved }, 6), out merged));
            MemoryFileStore files = new MemoryFileStore();
            CacheKit.Install(files, merged, 6, PatentSite.FridayTenJst);
            OfflineCache cache = new OfflineCache(files, CacheKit.DeviceKey, new AccessOptions(), new ManualClock());
            Assert.IsTrue(cache.Load(), cache.Detail);
            CredentialInfo found = new CredentialInfo();
            Assert.AreEqual((int)ReasonCode.Granted, (int)cache.Pipeline.Sources.Credentials.Find(moved.Hash, 0, found));
            Assert.AreEqual(PatentSite.Guest, found.UserId);
        }

        [TestMethod]
        public void A_Truncated_Or_Unsorted_Or_Foreign_Delta_Is_Refused()
        {
            PatentSite site = new PatentSite();
            byte[] installed = CacheKit.Body(site, CacheKit.DeviceKey, 5);
            CredentialInfo a = Credential(site, 1, "04AAAA01");
            CredentialInfo b = Credential(site, 2, "04BBBB02");
            bool aFirst = HashOrder.Compare(a.Hash, 0, b.Hash, 0) < 0;
            byte[] unsorted = Delta(new byte[0][], aFirst ? new CredentialInfo[] { b, a } : new CredentialInfo[] { a, b }, 6);
            byte[] merged;
            Assert.IsFalse(Apply(installed, unsorted, out merged), "unsorted upserts accepted");

            byte[] good = Delta(new byte[0][], new CredentialInfo[] { a }, 6);
            byte[] truncated = new byte[good.Length - 5];
            System.Array.Copy(good, truncated, truncated.Length);
            Assert.IsFalse(Apply(installed, truncated, out merged), "truncated delta accepted");

            byte[] foreign = new byte[good.Length];
            System.Array.Copy(good, foreign, good.Length);
            foreign[0] = (byte)'X';
            Assert.IsFalse(Apply(installed, foreign, out merged), "delta with a wrong magic accepted");
        }
    }
}

using System.IO;
using System.Text;
using DoorController.Access;
using DoorController.Controller;
using DoorController.Tests.Support;
using nanoFramework.TestFramework;
using DoorController.Contract;

namespace DoorController.Tests.Controller
{
    /// <summary>
    /// Deltas between two stores the server built: merged on the controller (streaming from flash), they must give
    /// exactly the body a full bundle of the new store would, byte for byte, and anything malformed is refused.
    /// </summary>
    [TestClass]
    public class CacheDeltaTests
    {
        private static byte[] Delta(StoreImage installed, StoreImage current, uint generation, out int changes)
        {
            MemoryStream delta = new MemoryStream();
            changes = CacheDelta.Write(delta, installed, current, generation);
            return delta.ToArray();
        }

        private static bool Apply(byte[] installed, byte[] delta, out byte[] merged)
        {
            MemoryStream output = new MemoryStream();
            bool ok = CacheDelta.TryApply(new MemoryStream(installed), installed.Length, new MemoryStream(delta), delta.Length, 1, output);
            merged = output.ToArray();
            return ok;
        }

        /// <summary>Applies the delta from <paramref name="before"/> to <paramref name="after"/> and checks the result is the full body of <paramref name="after"/>.</summary>
        private static int AssertMergeEqualsFull(StoreImage before, StoreImage after)
        {
            int changes;
            byte[] delta = Delta(before, after, 6, out changes);
            byte[] merged;
            byte[] installed = CacheKit.Body(before, CacheKit.DeviceKey, 5);
            Assert.IsTrue(Apply(installed, delta, out merged), "delta refused");
            MemoryStream full = new MemoryStream();
            full.Write(installed, 0, CacheBody.StoreOffset); // the merge keeps the installed sealed head
            after.WriteTo(full, 6);
            Assert.AreEqual((int)full.Length, merged.Length, "merged body length");
            Assert.IsTrue(full.ToArray().SequenceEqual(merged), "merged body differs from a full build of the new store");
            return changes;
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
            PatentSite before = new PatentSite();
            StoreImage installed = CacheKit.Store(before);
            PatentSite after = new PatentSite();
            after.Credentials.Clear();
            after.AddCredential(PatentSite.Employee, CredentialMethod.ExternalFace, "face:A1", 0, 0, CredentialFlags.None, 0);
            after.AddCredential(PatentSite.Employee, CredentialMethod.Nfc, "04A1B2C3", 0, 0, CredentialFlags.None, 0);
            after.AddCredential(PatentSite.Employee, CredentialMethod.Qr, "qr:A1", 0, 0, CredentialFlags.None, 0);
            after.AddCredential(PatentSite.Guest, CredentialMethod.Qr, "qr:guest", 0, 0, CredentialFlags.None, 0);
            after.AddCredential(PatentSite.Guest, CredentialMethod.Nfc, "04NEW001", 0, 0, CredentialFlags.None, 0);
            StoreImage current = CacheKit.Store(after, installed);
            Assert.AreEqual(2, AssertMergeEqualsFull(installed, current), "one removed, one added");

            int changes;
            byte[] merged;
            Assert.IsTrue(Apply(CacheKit.Body(installed, CacheKit.DeviceKey, 5), Delta(installed, current, 6, out changes), out merged));
            Assert.IsFalse(Knows(merged, after, "04GUARD1"), "revoked card still present");
            Assert.IsTrue(Knows(merged, after, "04NEW001"), "added card missing");
            Assert.IsTrue(Knows(merged, after, "04A1B2C3"), "untouched card lost");
        }

        [TestMethod]
        public void A_Changed_Holder_Or_Validity_Travels_As_Upserts_With_The_New_Tail()
        {
            PatentSite before = new PatentSite();
            StoreImage installed = CacheKit.Store(before);
            PatentSite after = new PatentSite();
            after.Credentials.Clear();
            after.AddCredential(PatentSite.Employee, CredentialMethod.ExternalFace, "face:A1", 0, 0, CredentialFlags.None, 0);
            after.AddCredential(PatentSite.Guest, CredentialMethod.Nfc, "04A1B2C3", 0, 0, CredentialFlags.None, 0); // card moved to the guest
            after.AddCredential(PatentSite.Employee, CredentialMethod.Qr, "qr:A1", 1790000000, 1799999999, CredentialFlags.None, 0); // now time-limited
            after.AddCredential(PatentSite.Guard, CredentialMethod.Nfc, "04GUARD1", 0, 0, CredentialFlags.None, 0);
            after.AddCredential(PatentSite.Guest, CredentialMethod.Qr, "qr:guest", 0, 0, CredentialFlags.None, 0);
            StoreImage numbered = CacheKit.Store(after, installed);
            Assert.AreEqual(1, AssertMergeEqualsFull(installed, numbered),
                "only the moved card: the new validity took the number of the profile it replaced, so it travels in the tail");
            StoreImage fresh = after.Store(CacheKit.SiteConfig(after));
            Assert.IsTrue(AssertMergeEqualsFull(installed, fresh) >= 1, "numbered afresh, it still merges to the full build");
            Assert.AreEqual(0, AssertMergeEqualsFull(numbered, numbered), "nothing changed, nothing sent");
        }

        [TestMethod]
        public void A_Thousand_Random_Changes_Merge_To_The_Full_Build()
        {
            System.Random random = new System.Random(1117);
            PatentSite before = new PatentSite();
            PatentSite after = new PatentSite();
            for (int i = 0; i < 2000; i++)
            {
                int user = i % 3 == 0 ? PatentSite.Guard : PatentSite.Employee;
                long from = 1790000000 + (i % 4) * 86400;
                if (random.Next(4) != 0)
                {
                    before.AddCredential(user, CredentialMethod.Nfc, "card-" + i, from, 0, CredentialFlags.None, 0);
                }
                if (random.Next(4) != 0)
                {
                    after.AddCredential(random.Next(5) == 0 ? PatentSite.Guest : user, CredentialMethod.Nfc, "card-" + i,
                        random.Next(6) == 0 ? from + 1 : from, 0, CredentialFlags.None, 0);
                }
            }
            StoreImage installed = CacheKit.Store(before);
            StoreImage numbered = CacheKit.Store(after, installed);
            AssertMergeEqualsFull(installed, numbered);
            AssertMergeEqualsFull(installed, after.Store(CacheKit.SiteConfig(after)));
        }

        [TestMethod]
        public void A_Truncated_Or_Unsorted_Or_Foreign_Delta_Is_Refused()
        {
            PatentSite before = new PatentSite();
            StoreImage installed = CacheKit.Store(before);
            PatentSite after = new PatentSite();
            after.AddCredential(PatentSite.Guest, CredentialMethod.Nfc, "04AAAA01", 0, 0, CredentialFlags.None, 0);
            after.AddCredential(PatentSite.Guest, CredentialMethod.Nfc, "04BBBB02", 0, 0, CredentialFlags.None, 0);
            int changes;
            byte[] good = Delta(installed, CacheKit.Store(after, installed), 6, out changes);
            Assert.AreEqual(2, changes);
            byte[] body = CacheKit.Body(installed, CacheKit.DeviceKey, 5);
            byte[] merged;
            Assert.IsTrue(Apply(body, good, out merged));

            byte[] unsorted = Copy(good);
            int upsertsAt = CacheDelta.HeaderSize; // no removals in this delta
            System.Array.Copy(good, upsertsAt, unsorted, upsertsAt + CredentialStoreFormat.RecordSize, CredentialStoreFormat.RecordSize);
            System.Array.Copy(good, upsertsAt + CredentialStoreFormat.RecordSize, unsorted, upsertsAt, CredentialStoreFormat.RecordSize);
            Assert.IsFalse(Apply(body, unsorted, out merged), "unsorted upserts accepted");

            byte[] truncated = new byte[good.Length - 5];
            System.Array.Copy(good, truncated, truncated.Length);
            Assert.IsFalse(Apply(body, truncated, out merged), "truncated delta accepted");

            byte[] foreign = Copy(good);
            foreign[0] = (byte)'X';
            Assert.IsFalse(Apply(body, foreign, out merged), "delta with a wrong magic accepted");
        }

        private static byte[] Copy(byte[] bytes)
        {
            byte[] copy = new byte[bytes.Length];
            System.Array.Copy(bytes, copy, bytes.Length);
            return copy;
        }
    }
}

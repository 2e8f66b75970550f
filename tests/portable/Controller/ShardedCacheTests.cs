using DoorController.Access;
using DoorController.Contract;
using DoorController.Link.Bundles;
using DoorController.Tests.Support;
using nanoFramework.TestFramework;

namespace DoorController.Tests.Controller
{
    /// <summary>
    /// The sharded cache (docs/cache.md, "Sharded install"): a full bundle lands as shard files plus a shared file and
    /// answers for every credential; a delta merges shard by shard into exactly the files a full bundle gives; a shard
    /// built for other shared tables, or damaged, denies its own credentials with its reason while the others answer,
    /// and the link then reports no installed version.
    /// </summary>
    [TestClass]
    public class ShardedCacheTests
    {
        private static void AssertAnswers(ShardKit kit, PatentSite site, bool[] present, string what)
        {
            for (int i = 0; i < ShardKit.AllCards; i++)
            {
                ReasonCode r = kit.Lookup(site, i);
                Assert.AreEqual((int)(present[i] ? ReasonCode.Granted : ReasonCode.UnknownCredential), (int)r, what + ": card " + i);
            }
        }

        private static bool[] Present(bool next)
        {
            bool[] present = new bool[ShardKit.AllCards];
            for (int i = 0; i < ShardKit.AllCards; i++)
            {
                present[i] = i < ShardKit.Cards ? (!next || i % 7 != 0) : next;
            }
            return present;
        }

        [TestMethod]
        public void A_Full_Bundle_Lands_As_Shards_And_A_Delta_Merges_Into_The_Same_Files()
        {
            ShardKit.Versions v = new ShardKit.Versions();
            PatentSite v5 = v.V5, v6 = v.V6;
            StoreImage s5 = v.S5, s6 = v.S6;
            MemoryFileStore viaDelta = new MemoryFileStore();
            ShardKit kit = new ShardKit(viaDelta);
            Assert.AreEqual((int)BundleStatus.Installed, (int)kit.Feed(ShardKit.Full(s5, 5)), kit.Link.LastError);
            Assert.AreEqual(5L, kit.Link.InstalledVersion);
            Assert.IsTrue(kit.Cache.Complete, kit.Cache.Detail);
            for (int k = 0; k < 1 << ShardKit.Bits; k++)
            {
                Assert.IsTrue(viaDelta.ReadAll(ShardFormat.NameOf(k, ShardKit.Bits)).Length > ShardFormat.HeaderSize, "shard " + k);
            }
            Assert.IsTrue(viaDelta.ReadAll(CacheFile.Name).Length < CacheFile.BodyOffset + CacheBody.Length(s5) - s5.Count * CredentialStoreFormat.RecordSize + 64,
                "the shared file holds no records");
            Assert.IsFalse(LinkFilesExist(viaDelta, BundleAssembler.StagingName), "a full bundle is not staged");
            AssertAnswers(kit, v5, Present(false), "v5");

            Assert.AreEqual((int)BundleStatus.Installed, (int)kit.Feed(ShardKit.Delta(s5, 5, s6, 6)), kit.Link.LastError);
            Assert.AreEqual(6L, kit.Link.InstalledVersion);
            Assert.IsTrue(kit.Cache.LastApplyWasDelta);
            AssertAnswers(kit, v6, Present(true), "v6 by delta");

            MemoryFileStore viaFull = ShardKit.Installed(ShardKit.Full(s6, 6));
            for (int k = 0; k < 1 << ShardKit.Bits; k++)
            {
                string name = ShardFormat.NameOf(k, ShardKit.Bits);
                Assert.IsTrue(viaFull.ReadAll(name).SequenceEqual(viaDelta.ReadAll(name)), "shard " + k + " differs between delta and full");
            }
        }

        [TestMethod]
        public void A_Shard_Built_For_Other_Tables_Or_Damaged_Denies_Its_Credentials_And_The_Others_Answer()
        {
            ShardKit.Versions v = new ShardKit.Versions();
            PatentSite v5 = v.V5, v6 = v.V6;
            StoreImage s5 = v.S5, s6 = v.S6;
            MemoryFileStore newer = ShardKit.Installed(ShardKit.Full(s6, 6));
            MemoryFileStore files = ShardKit.Installed(ShardKit.Full(s5, 5));

            // Shard 1 from version 6 beside version 5's shared file: built for other profiles.
            string shard1 = ShardFormat.NameOf(1, ShardKit.Bits);
            files.WriteAll(shard1, newer.ReadAll(shard1));
            ShardKit kit = new ShardKit(files);
            Assert.IsFalse(kit.Cache.Complete);
            Assert.AreEqual(0L, kit.Link.InstalledVersion, "an incomplete cache reports no version");
            int mismatched = 0, answered = 0;
            for (int i = 0; i < ShardKit.Cards; i++)
            {
                ReasonCode r = kit.Lookup(v5, i);
                if (ShardKit.ShardOf(v5, i) == 1)
                {
                    Assert.AreEqual((int)ReasonCode.CredentialStoreMismatch, (int)r, "card " + i);
                    mismatched++;
                }
                else
                {
                    Assert.AreEqual((int)ReasonCode.Granted, (int)r, "card " + i);
                    answered++;
                }
            }
            Assert.IsTrue(mismatched > 20 && answered > 150, mismatched + " / " + answered);
            Assert.AreEqual("store-version-mismatch", ReasonCodes.Name(ReasonCode.CredentialStoreMismatch));

            // A damaged shard (one record byte flipped) is corrupt, not a source of answers.
            byte[] shard2 = files.ReadAll(ShardFormat.NameOf(2, ShardKit.Bits));
            shard2[ShardFormat.HeaderSize + 20] ^= 0x40;
            files.WriteAll(ShardFormat.NameOf(2, ShardKit.Bits), shard2);
            kit = new ShardKit(files);
            for (int i = 0; i < ShardKit.Cards; i++)
            {
                int k = ShardKit.ShardOf(v5, i);
                ReasonCode r = kit.Lookup(v5, i);
                Assert.AreEqual((int)(k == 2 ? ReasonCode.CredentialStoreCorrupt : k == 1 ? ReasonCode.CredentialStoreMismatch : ReasonCode.Granted), (int)r, "card " + i);
            }

            // The server, told version 0, sends the full bundle again: the store is whole and reports it.
            Assert.AreEqual((int)BundleStatus.Installed, (int)kit.Feed(ShardKit.Full(s5, 5)), kit.Link.LastError);
            Assert.IsTrue(kit.Cache.Complete);
            Assert.AreEqual(5L, kit.Link.InstalledVersion);
            AssertAnswers(kit, v5, Present(false), "v5 again");
        }

        [TestMethod]
        public void A_Delta_Is_Refused_While_The_Store_Is_Incomplete()
        {
            ShardKit.Versions v = new ShardKit.Versions();
            PatentSite v5 = v.V5, v6 = v.V6;
            StoreImage s5 = v.S5, s6 = v.S6;
            MemoryFileStore files = ShardKit.Installed(ShardKit.Full(s5, 5));
            files.Delete(ShardFormat.NameOf(3, ShardKit.Bits));
            ShardKit kit = new ShardKit(files);
            Assert.AreEqual((int)ReasonCode.CredentialStoreUnavailable, (int)kit.Lookup(v5, FirstIn(v5, 3)));
            Assert.AreEqual((int)BundleStatus.WrongBase, (int)kit.Feed(ShardKit.Delta(s5, 5, s6, 6)), "a delta needs the whole base");
            Assert.AreEqual((int)BundleStatus.StaleVersion, (int)kit.Feed(ShardKit.Full(s5, 4)), "an older bundle cannot roll an incomplete store back");
            Assert.AreEqual((int)BundleStatus.Installed, (int)kit.Feed(ShardKit.Full(s6, 6)), kit.Link.LastError);
            AssertAnswers(kit, v6, Present(true), "v6");
        }

        /// <summary>
        /// A board updated from firmware that installed the cache whole: the old cache keeps answering and is reported
        /// as no version, so the server sends the next bundle whole, which lands sharded. A full 4 MB board holds no
        /// room for the whole file and the shards side by side (10,000 credentials: 31 blocks whole, 32 sharded, 37 for
        /// both), so the whole file goes before the first shard is written, as an old plan's shards do; otherwise every
        /// install would fail for room and the controller would keep deciding offline from the old cache, revoked cards
        /// included.
        /// </summary>
        [TestMethod]
        public void A_Cache_Installed_Whole_Is_Replaced_Without_A_Second_Copy()
        {
            ShardKit.Versions v = new ShardKit.Versions();
            MemoryFileStore files = new MemoryFileStore();
            CacheKit.Install(files, CacheKit.Body(v.S5, CacheKit.DeviceKey, 5), 5, PatentSite.FridayTenJst); // before sharding
            ShardKit kit = new ShardKit(files);
            AssertAnswers(kit, v.V5, Present(false), "whole-file v5");
            Assert.AreEqual(0L, kit.Link.InstalledVersion, "reported as no version: the server then sends it whole, not a delta");

            byte[][] chunks = ShardKit.Full(v.S6, 6);
            Assert.AreEqual((int)BundleStatus.Accepted, (int)kit.Link.Accept(chunks[0]), kit.Link.LastError);
            Assert.IsFalse(files.Exists(CacheFile.Name), "the whole-file cache is gone before the shards are written");
            BundleStatus last = BundleStatus.Accepted;
            for (int i = 1; i < chunks.Length; i++)
            {
                last = kit.Link.Accept(chunks[i]);
            }
            Assert.AreEqual((int)BundleStatus.Installed, (int)last, kit.Link.LastError);
            Assert.IsTrue(kit.Cache.Complete, kit.Cache.Detail);
            Assert.AreEqual(6L, kit.Link.InstalledVersion);
            Assert.IsTrue(files.List(ShardFormat.NameOf(0, ShardKit.Bits)).Length == 1);
            AssertAnswers(kit, v.V6, Present(true), "sharded v6");
        }

        /// <summary>
        /// A firmware update changes the board's shard count (a 4 MB board: 8 shards, then 16). The cache sharded the old
        /// way keeps answering and is reported as no version; the next full bundle first removes the old shards (room
        /// for one copy only), then lands in the new ones.
        /// </summary>
        [TestMethod]
        public void A_Cache_Sharded_Under_Another_Plan_Is_Replaced_Without_A_Second_Copy()
        {
            ShardKit.Versions v = new ShardKit.Versions();
            MemoryFileStore files = ShardKit.Installed(ShardKit.Full(v.S5, 5));
            ShardKit kit = new ShardKit(files, ShardKit.Bits + 1);
            AssertAnswers(kit, v.V5, Present(false), "v5 in the old plan's shards");
            Assert.IsFalse(kit.Cache.Complete);
            Assert.AreEqual(0L, kit.Link.InstalledVersion, "reported as no version: the server then sends it whole, not a delta");

            byte[][] chunks = ShardKit.Full(v.S6, 6);
            Assert.AreEqual((int)BundleStatus.Accepted, (int)kit.Link.Accept(chunks[0]), kit.Link.LastError);
            Assert.AreEqual(0, ShardFiles(files, ShardKit.Bits), "the old plan's shards are gone before the new ones are written");
            for (int i = 1; i < chunks.Length; i++)
            {
                kit.Link.Accept(chunks[i]);
            }
            Assert.IsTrue(kit.Cache.Complete, kit.Cache.Detail);
            Assert.AreEqual(6L, kit.Link.InstalledVersion);
            Assert.AreEqual(1 << (ShardKit.Bits + 1), ShardFiles(files, ShardKit.Bits + 1));
            Assert.AreEqual(0, ShardFiles(files, ShardKit.Bits));
            AssertAnswers(kit, v.V6, Present(true), "v6 in the new plan's shards");
        }

        private static int ShardFiles(MemoryFileStore files, int bits)
        {
            int n = 0;
            for (int k = 0; k < (1 << bits); k++)
            {
                n += files.Exists(ShardFormat.NameOf(k, bits)) ? 1 : 0;
            }
            return n;
        }

        private static int FirstIn(PatentSite site, int shard)
        {
            for (int i = 0; i < ShardKit.Cards; i++)
            {
                if (ShardKit.ShardOf(site, i) == shard)
                {
                    return i;
                }
            }
            return -1;
        }

        private static bool LinkFilesExist(MemoryFileStore files, string name)
        {
            return files.List(name).Length > 0;
        }
    }
}

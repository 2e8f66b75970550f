using DoorController.Access;
using DoorController.Contract;
using DoorController.Link.Bundles;
using DoorController.Tests.Support;
using nanoFramework.TestFramework;

namespace DoorController.Tests.Controller
{
    /// <summary>
    /// A power cut at any point of a sharded install (<see cref="SimulatedFlashStore"/>: only closed files are durable,
    /// renames are atomic), full bundle or delta: after the reboot every shard file and the shared file are wholly the
    /// old version's or the new one's; every credential is answered from a shard whose version matches the shared
    /// tables, or denied "store-version-mismatch", never from mismatched tables; the link reports no version unless
    /// the store is one version; and the bundle the server then sends (the delta again while the old version is
    /// whole, else the full bundle) completes it.
    /// </summary>
    [TestClass]
    public class ShardedInstallPowerCutTests
    {
        [TestMethod]
        public void A_Cut_At_Any_Point_Of_A_Full_Sharded_Install_Leaves_Whole_Shards_And_Deciding_Continues()
        {
            Assert.IsTrue(RunCuts(false) > 40);
        }

        [TestMethod]
        public void A_Cut_At_Any_Point_Of_A_Sharded_Delta_Install_Leaves_Whole_Shards_And_Deciding_Continues()
        {
            Assert.IsTrue(RunCuts(true) > 20);
        }

        private static int RunCuts(bool delta)
        {
            ShardKit.Versions v = new ShardKit.Versions();
            PatentSite v5 = v.V5, v6 = v.V6;
            StoreImage s5 = v.S5, s6 = v.S6;
            byte[][] full5 = ShardKit.Full(s5, 5), full6 = ShardKit.Full(s6, 6);
            byte[][] next = delta ? ShardKit.Delta(s5, 5, s6, 6) : full6;
            MemoryFileStore old = ShardKit.Installed(full5), @new = ShardKit.Installed(full6);
            int shards = 1 << ShardKit.Bits;
            int points = 0, incomplete = 0, mismatches = 0;
            for (int cut = 1; ; cut += 53)
            {
                SimulatedFlashStore flash = new SimulatedFlashStore(cut);
                Assert.AreEqual((int)BundleStatus.Installed, (int)new ShardKit(flash).Feed(full5));
                ShardKit before = new ShardKit(flash);
                flash.CutAfterBytes = cut;
                before.Feed(next);
                bool completed = !flash.PoweredOff;
                flash.PoweredOff = true;
                flash.PowerCycle();
                points++;

                bool[] shardIsNew = new bool[shards];
                int newShards = 0;
                for (int k = 0; k < shards; k++)
                {
                    string name = ShardFormat.NameOf(k, ShardKit.Bits);
                    byte[] bytes = flash.DurableBytes(name);
                    shardIsNew[k] = bytes != null && bytes.SequenceEqual(@new.ReadAll(name));
                    Assert.IsTrue(shardIsNew[k] || (bytes != null && bytes.SequenceEqual(old.ReadAll(name))), "cut " + cut + ": shard " + k + " neither old nor new");
                    newShards += shardIsNew[k] ? 1 : 0;
                }
                byte[] shared = flash.DurableBytes(CacheFile.Name);
                bool sharedIsNew = shared.SequenceEqual(@new.ReadAll(CacheFile.Name));
                Assert.IsTrue(sharedIsNew || shared.SequenceEqual(old.ReadAll(CacheFile.Name)), "cut " + cut + ": shared file neither old nor new");
                Assert.IsTrue(!sharedIsNew || newShards == shards, "cut " + cut + ": the shared file is replaced last");

                ShardKit after = new ShardKit(flash);
                bool whole = newShards == (sharedIsNew ? shards : 0);
                Assert.AreEqual(whole, after.Cache.Complete, "cut " + cut);
                Assert.AreEqual(whole ? (sharedIsNew ? 6L : 5L) : 0L, after.Link.InstalledVersion, "cut " + cut + ": reported version");
                PatentSite tables = sharedIsNew ? v6 : v5;
                for (int i = 0; i < ShardKit.AllCards; i++)
                {
                    int k = ShardKit.ShardOf(v5, i);
                    ReasonCode r = after.Lookup(tables, i);
                    if (shardIsNew[k] != sharedIsNew)
                    {
                        Assert.AreEqual((int)ReasonCode.CredentialStoreMismatch, (int)r, "cut " + cut + ": card " + i + " beside other tables");
                        mismatches++;
                    }
                    else
                    {
                        bool present = i < ShardKit.Cards ? (!sharedIsNew || i % 7 != 0) : sharedIsNew;
                        Assert.AreEqual((int)(present ? ReasonCode.Granted : ReasonCode.UnknownCredential), (int)r, "cut " + cut + ": card " + i);
                    }
                }
                if (!whole)
                {
                    incomplete++;
                }

                // Reconnect: the server answers the reported version (a delta only from the version the controller holds whole).
                byte[][] resend = delta && after.Link.InstalledVersion == 5 ? next : full6;
                if (after.Link.InstalledVersion != 6)
                {
                    Assert.AreEqual((int)BundleStatus.Installed, (int)after.Feed(resend), "cut " + cut + ": " + after.Link.LastError);
                }
                Assert.IsTrue(after.Cache.Complete);
                Assert.AreEqual(6L, after.Link.InstalledVersion);
                for (int k = 0; k < shards; k++)
                {
                    string name = ShardFormat.NameOf(k, ShardKit.Bits);
                    Assert.IsTrue(flash.DurableBytes(name).SequenceEqual(@new.ReadAll(name)), "cut " + cut + ": shard " + k + " after the resend");
                }
                if (completed)
                {
                    break;
                }
            }
            Assert.IsTrue(incomplete > 0 && mismatches > 0, "cuts left " + incomplete + " incomplete stores, " + mismatches + " mismatched lookups");
            return points;
        }
    }
}

using DoorController.Contract;
using DoorController.Link;
using DoorController.Link.Bundles;
using DoorController.Tests.Link.Fakes;
using DoorController.Tests.Support;
using nanoFramework.TestFramework;

namespace DoorController.Tests.Link
{
    /// <summary>
    /// The link's files under LittleFS's rules (<see cref="SimulatedFlashStore"/>: durable only once closed): a cut at
    /// any point of a state-file write (clock and command-counter files) or of a cache install leaves the old or the
    /// new file whole, and the new one once the write returned.
    /// </summary>
    [TestClass]
    public class LinkFilePowerCutTests
    {
        private const string StateFile = "link.state";

        [TestMethod]
        public void A_Cut_At_Any_Point_Of_A_State_File_Write_Leaves_The_Old_Or_The_New_Record()
        {
            byte[] before = new byte[] { 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1 };
            byte[] after = new byte[] { 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2 };
            int points = 0;
            for (int cut = 1; ; cut++)
            {
                bool completed = false;
                for (int fate = 0; fate < 3; fate++)
                {
                    SimulatedFlashStore flash = new SimulatedFlashStore(cut * 3 + fate);
                    LinkFiles.WriteAtomically(flash, StateFile, before);
                    flash.CutAfterBytes = cut;
                    bool written = false;
                    try
                    {
                        LinkFiles.WriteAtomically(flash, StateFile, after);
                        written = true;
                    }
                    catch (PowerCutException)
                    {
                    }
                    completed = !flash.PoweredOff;
                    flash.PoweredOff = true;
                    flash.PowerCycle();

                    byte[] read = new byte[before.Length];
                    Assert.AreEqual(read.Length, LinkFiles.ReadPrefix(flash, StateFile, read), "cut after " + cut + ": record whole");
                    bool isAfter = read.SequenceEqual(after);
                    Assert.IsTrue(isAfter || read.SequenceEqual(before), "cut after " + cut + ": old or new record");
                    Assert.IsTrue(!written || isAfter, "a write that returned is on flash");
                }
                points++;
                if (completed)
                {
                    break;
                }
            }
            Assert.IsTrue(points > 12, "cut points tried: " + points);
        }

        [TestMethod]
        public void A_Cut_At_Any_Point_Of_A_Cache_Install_Leaves_The_Old_Or_The_New_Cache()
        {
            byte[][] installed = BundleTestKit.Full(3, BundleTestKit.Body(9000, 1));
            byte[][] next = BundleTestKit.Full(4, BundleTestKit.Body(9000, 2));
            int points = 0;
            for (int cut = 1; ; cut += 41)
            {
                SimulatedFlashStore flash = new SimulatedFlashStore(cut);
                BundleAssembler first = new BundleAssembler(flash, BundleTestKit.Key, new AppendingCacheStore());
                first.Load();
                for (int i = 0; i < installed.Length; i++)
                {
                    first.Accept(installed[i]);
                }
                Assert.AreEqual((long)3, first.InstalledVersion);
                flash.CutAfterBytes = cut;
                BundleStatus last = BundleStatus.Malformed;
                for (int i = 0; i < next.Length && !flash.PoweredOff; i++)
                {
                    last = first.Accept(next[i]);
                }
                bool completed = !flash.PoweredOff;
                Assert.IsTrue(last == BundleStatus.Installed || !completed, "without a cut the bundle installs");
                flash.PoweredOff = true;
                flash.PowerCycle();

                BundleAssembler rebooted = new BundleAssembler(flash, BundleTestKit.Key, new AppendingCacheStore());
                rebooted.Load();
                long version = rebooted.InstalledVersion;
                Assert.IsTrue(version == 3 || version == 4, "cut after " + cut + " bytes: installed version " + version);
                if (last == BundleStatus.Installed)
                {
                    Assert.AreEqual((long)4, version, "an install that reported success is on flash");
                }
                points++;
                if (completed)
                {
                    break;
                }
            }
            Assert.IsTrue(points > 100, "cut points tried: " + points);
        }
    }
}

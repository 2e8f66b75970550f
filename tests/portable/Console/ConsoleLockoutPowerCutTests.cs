using DoorController.Provisioning;
using DoorController.Tests.Support;
using nanoFramework.TestFramework;

namespace DoorController.Tests.Provisioning
{
    /// <summary>
    /// The wrong-passcode count under LittleFS's rules (<see cref="SimulatedFlashStore"/>: durable only once closed): a
    /// cut at any point of a save leaves the previous count or the new one, never a damaged record that would reset
    /// the back-off to zero.
    /// </summary>
    [TestClass]
    public class ConsoleLockoutPowerCutTests
    {
        [TestMethod]
        public void A_Cut_At_Any_Point_Of_A_Save_Keeps_The_Old_Or_The_New_Count()
        {
            int points = 0;
            for (int cut = 1; ; cut++)
            {
                bool completed = false;
                for (int fate = 0; fate < 3; fate++)
                {
                    SimulatedFlashStore flash = new SimulatedFlashStore(cut * 3 + fate);
                    new ConsoleLockoutRecord(flash).Save(4);
                    flash.CutAfterBytes = cut;
                    new ConsoleLockoutRecord(flash).Save(5);
                    completed = !flash.PoweredOff;
                    flash.PoweredOff = true;
                    flash.PowerCycle();

                    int loaded = new ConsoleLockoutRecord(flash).Load();
                    if (completed)
                    {
                        Assert.AreEqual(5, loaded, "a finished save is on flash");
                    }
                    else
                    {
                        Assert.IsTrue(loaded == 4 || loaded == 5, "cut after " + cut + " bytes: " + loaded);
                    }
                }
                points++;
                if (completed)
                {
                    break;
                }
            }
            Assert.IsTrue(points > 8, "cut points tried: " + points);
        }
    }
}

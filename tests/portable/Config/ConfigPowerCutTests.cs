using DoorController.Config;
using DoorController.Tests.Support;
using nanoFramework.TestFramework;

namespace DoorController.Tests.Config
{
    /// <summary>
    /// A configuration save under LittleFS's rules (<see cref="SimulatedFlashStore"/>: nothing written is durable until
    /// its file is closed): the supply fails at every point of a save, and after each reboot the board must load either
    /// the old or the new configuration whole, and the new one once the save reported success.
    /// </summary>
    [TestClass]
    public class ConfigPowerCutTests
    {
        private const int FatesPerPoint = 3;

        private static ControllerConfig Named(string deviceId)
        {
            ControllerConfig c = new ControllerConfig();
            c.DeviceId = deviceId;
            c.MqttHost = "broker.example.net";
            return c;
        }

        [TestMethod]
        public void A_Cut_At_Any_Point_Of_A_Save_Leaves_The_Old_Or_The_New_Configuration()
        {
            int points = 0;
            for (int cut = 1; ; cut++)
            {
                bool completed = false;
                for (int fate = 0; fate < FatesPerPoint; fate++)
                {
                    SimulatedFlashStore flash = new SimulatedFlashStore(cut * FatesPerPoint + fate);
                    string error;
                    Assert.IsTrue(new ConfigStore(flash).TrySave(Named("door-old"), out error), error);
                    flash.CutAfterBytes = cut;
                    bool saved = new ConfigStore(flash).TrySave(Named("door-new"), out error);
                    completed = !flash.PoweredOff;
                    Assert.IsTrue(saved || !completed, "without a cut the save succeeds: " + error);
                    flash.PoweredOff = true;
                    flash.PowerCycle();

                    ConfigStore store = new ConfigStore(flash);
                    ControllerConfig loaded = store.Load();
                    Assert.AreEqual((int)ConfigLoadStatus.Loaded, (int)store.LastStatus, "cut after " + cut + " bytes: " + store.LastFault);
                    if (saved)
                    {
                        Assert.AreEqual("door-new", loaded.DeviceId, "a save that returned true is on flash (cut after " + cut + ")");
                    }
                    else
                    {
                        Assert.IsTrue(loaded.DeviceId == "door-old" || loaded.DeviceId == "door-new", "cut after " + cut + ": " + loaded.DeviceId);
                    }
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

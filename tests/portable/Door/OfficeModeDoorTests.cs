using DoorController.Door;
using nanoFramework.TestFramework;

namespace DoorController.Tests.Door
{
    /// <summary>First-person-in at the door: held unlocked to the window's end, lockdown overrides it for good, a
    /// power cycle comes back locked.</summary>
    [TestClass]
    public class OfficeModeDoorTests
    {
        [TestMethod]
        public void Office_Mode_Holds_The_Door_Unlocked_Then_Relocks_At_Its_End()
        {
            DoorRig rig = new DoorRig();
            rig.Machine.Grant(1, 0, false);
            Assert.IsTrue(rig.Machine.HoldForOfficeMode(60000));
            rig.Run(30000);
            Assert.IsTrue(rig.Unlocked, "long after the grant's few seconds the door is still unlocked");
            Assert.IsTrue(rig.Machine.InOfficeMode);
            rig.OpenDoor();
            rig.CloseDoor();
            Assert.AreEqual(0, rig.CountOf(DoorEventKind.Forced), "openings in office mode are not forced");
            rig.Run(30000);
            Assert.IsFalse(rig.Unlocked);
            Assert.IsFalse(rig.Machine.InOfficeMode);
            Assert.AreEqual(1, rig.CountOf(DoorEventKind.OfficeModeStarted));
            Assert.AreEqual(1, rig.CountOf(DoorEventKind.OfficeModeEnded));
            rig.OpenDoor();
            Assert.AreEqual(1, rig.CountOf(DoorEventKind.Forced), "after the window an opening is forced again");
        }

        [TestMethod]
        public void Lockdown_Overrides_Office_Mode_And_Its_End_Does_Not_Reopen_The_Door()
        {
            DoorRig rig = new DoorRig();
            rig.Machine.HoldForOfficeMode(600000);
            rig.Run(100);
            Assert.IsTrue(rig.Unlocked);
            rig.Machine.SetMode(DoorMode.Lockdown);
            rig.Run(10);
            Assert.IsFalse(rig.Unlocked);
            Assert.IsFalse(rig.Machine.InOfficeMode);
            Assert.IsFalse(rig.Machine.HoldForOfficeMode(600000), "no office mode while in lockdown");
            rig.Machine.SetMode(DoorMode.Normal);
            rig.Run(1000);
            Assert.IsFalse(rig.Unlocked, "the lockdown's end leaves the door locked");
            Assert.IsTrue(rig.Machine.HoldForOfficeMode(600000), "the next designated entry starts it again");
            rig.Run(10);
            Assert.IsTrue(rig.Unlocked);
            Assert.AreEqual(2, rig.CountOf(DoorEventKind.OfficeModeStarted));
            Assert.AreEqual(1, rig.CountOf(DoorEventKind.OfficeModeEnded));
        }

        [TestMethod]
        public void A_Power_Cycle_During_Office_Mode_Comes_Back_Locked()
        {
            DoorRig rig = new DoorRig();
            rig.Machine.HoldForOfficeMode(600000);
            rig.Run(100);
            Assert.IsTrue(rig.Unlocked);
            rig.Reboot();
            rig.Run(100);
            Assert.IsFalse(rig.Unlocked);
            Assert.IsFalse(rig.Machine.InOfficeMode);
        }

        [TestMethod]
        public void A_Later_Entry_Extends_But_Never_Shortens_Office_Mode()
        {
            DoorRig rig = new DoorRig();
            rig.Machine.HoldForOfficeMode(60000);
            rig.Machine.HoldForOfficeMode(10000);
            rig.Run(20000);
            Assert.IsTrue(rig.Unlocked);
            rig.Machine.HoldForOfficeMode(120000);
            rig.Run(100000);
            Assert.IsTrue(rig.Unlocked);
            rig.Run(21000);
            Assert.IsFalse(rig.Unlocked);
            Assert.AreEqual(1, rig.CountOf(DoorEventKind.OfficeModeStarted));
        }
    }
}

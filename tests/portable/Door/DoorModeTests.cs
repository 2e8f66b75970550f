using DoorController.Door;
using nanoFramework.TestFramework;

namespace DoorController.Tests.Door
{
    [TestClass]
    public class DoorModeTests
    {
        [TestMethod]
        public void Lockdown_Refuses_Grants_And_Cancels_The_Current_One()
        {
            DoorRig rig = new DoorRig();
            rig.Machine.Grant(1, 0, false);
            rig.Run(100);
            Assert.IsTrue(rig.Unlocked);
            rig.Machine.SetMode(DoorMode.Lockdown);
            rig.Run(10);
            Assert.IsFalse(rig.Unlocked);
            Assert.AreEqual(1, rig.GrantIdOf(DoorEventKind.GrantUnused));
            Assert.IsFalse(rig.Machine.Grant(2, 0, false));
            rig.Run(100);
            Assert.IsFalse(rig.Unlocked);
            Assert.AreEqual(2, rig.GrantIdOf(DoorEventKind.GrantRefused));
            Assert.AreEqual((int)DoorMode.Lockdown, (int)rig.Machine.Mode);
        }

        [TestMethod]
        [DataRow(true, true)]
        [DataRow(false, false)]
        public void Exit_In_Lockdown_Unlocks_Only_If_Configured(bool rexUnlocksInLockdown, bool expectUnlocked)
        {
            DoorRig rig = new DoorRig();
            rig.Settings.RexUnlocksInLockdown = rexUnlocksInLockdown;
            rig.Machine.SetMode(DoorMode.Lockdown);
            rig.ExitButton.Level = false;
            rig.Run(100);
            Assert.AreEqual(expectUnlocked, rig.Unlocked);
        }

        [TestMethod]
        public void Lockdown_Shows_Its_Pattern_When_Nothing_Else_Does()
        {
            DoorRig rig = new DoorRig();
            rig.Machine.SetMode(DoorMode.Lockdown);
            rig.Run(20);
            Assert.AreEqual((int)IndicatorPattern.Lockdown, (int)rig.Machine.Pattern);
        }

        [TestMethod]
        public void Release_Holds_The_Door_Unlocked_Without_Alarms_And_Normal_Relocks()
        {
            DoorRig rig = new DoorRig();
            rig.Machine.SetMode(DoorMode.Release);
            rig.Run(100);
            Assert.IsTrue(rig.Unlocked);
            rig.OpenDoor();
            rig.Run(120000);
            Assert.AreEqual(0, rig.CountOf(DoorEventKind.Forced));
            Assert.AreEqual(0, rig.CountOf(DoorEventKind.HeldOpen));
            Assert.AreEqual(1, rig.CountOf(DoorEventKind.OpenedWhileUnlocked));
            rig.Machine.SetMode(DoorMode.Normal);
            rig.Run(100);
            Assert.IsFalse(rig.Unlocked);
            rig.Run(rig.Settings.HeldOpenMilliseconds - 500);
            Assert.AreEqual(0, rig.CountOf(DoorEventKind.HeldOpen), "held-open timer restarts when release ends");
            rig.Run(1000);
            Assert.AreEqual(1, rig.CountOf(DoorEventKind.HeldOpen));
        }

        [TestMethod]
        public void Mode_Changes_Are_Reported_With_The_New_Mode()
        {
            DoorRig rig = new DoorRig();
            rig.Machine.SetMode(DoorMode.Release);
            rig.Machine.SetMode(DoorMode.Release);
            Assert.AreEqual(1, rig.CountOf(DoorEventKind.ModeChanged), "setting the same mode twice is one change");
        }

        [TestMethod]
        public void Mode_Names_Round_Trip()
        {
            DoorMode parsed;
            Assert.IsTrue(DoorEventText.TryParseMode(DoorEventText.Of(DoorMode.Lockdown), out parsed));
            Assert.AreEqual((int)DoorMode.Lockdown, (int)parsed);
            Assert.IsTrue(DoorEventText.TryParseMode("release", out parsed));
            Assert.AreEqual((int)DoorMode.Release, (int)parsed);
            Assert.IsFalse(DoorEventText.TryParseMode("open-sesame", out parsed));
            Assert.AreEqual("forced-open", DoorEventText.Of(DoorEventKind.Forced));
        }
    }
}

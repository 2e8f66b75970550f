using DoorController.Door;
using nanoFramework.TestFramework;

namespace DoorController.Tests.Door
{
    [TestClass]
    public class DoorBehaviourTests
    {
        [TestMethod]
        [DataRow(false, 5000)]
        [DataRow(true, 20000)]
        public void Grant_Unlocks_For_The_Configured_Time_Then_Relocks(bool extended, int expectedMilliseconds)
        {
            DoorRig rig = new DoorRig();
            Assert.IsTrue(rig.Machine.Grant(1, 0, extended));
            rig.Run(expectedMilliseconds - 50);
            Assert.IsTrue(rig.Unlocked, "still inside the pulse");
            rig.Run(100);
            Assert.IsFalse(rig.Unlocked, "relocked after the pulse");
        }

        [TestMethod]
        public void Grant_Time_Is_Clamped_To_Sane_Limits()
        {
            DoorRig rig = new DoorRig();
            rig.Machine.Grant(1, 10, false);
            rig.Run(400);
            Assert.IsTrue(rig.Unlocked, "a 10 ms pulse would not even move the strike");
            rig.Machine.Grant(2, 100000000, false);
            rig.Run(DoorSettings.MaximumUnlockMilliseconds + 100);
            Assert.IsFalse(rig.Unlocked);
        }

        [TestMethod]
        public void Opening_During_A_Grant_Reports_The_Grant_And_Closing_Relocks_At_Once()
        {
            DoorRig rig = new DoorRig();
            rig.Machine.Grant(42, 0, false);
            rig.Run(500);
            rig.OpenDoor();
            Assert.AreEqual(42, rig.GrantIdOf(DoorEventKind.OpenedAfterGrant));
            Assert.IsTrue(rig.Unlocked);
            rig.CloseDoor();
            Assert.IsFalse(rig.Unlocked, "relock when closed, so nobody follows");
            Assert.AreEqual(1, rig.CountOf(DoorEventKind.Closed));
            Assert.AreEqual(0, rig.CountOf(DoorEventKind.Forced));
            Assert.AreEqual(0, rig.CountOf(DoorEventKind.GrantUnused));
            Assert.AreEqual(42, rig.GrantIdOf(DoorEventKind.Closed));
            rig.ClearEvents();
            rig.OpenDoor();
            Assert.AreEqual(1, rig.CountOf(DoorEventKind.Forced), "a second opening after the relock is forced");
            rig.CloseDoor();
            Assert.AreEqual(0, rig.GrantIdOf(DoorEventKind.Closed), "and belongs to no grant");
        }

        [TestMethod]
        public void A_Grant_Nobody_Used_Is_Reported_Unused_After_The_Grace()
        {
            DoorRig rig = new DoorRig();
            rig.Machine.Grant(9, 0, false);
            rig.Run(5000);
            Assert.AreEqual(0, rig.CountOf(DoorEventKind.GrantUnused), "not before the grace period ends");
            rig.Run(rig.Settings.ForcedGraceMilliseconds + 20);
            Assert.AreEqual(9, rig.GrantIdOf(DoorEventKind.GrantUnused));
        }

        [TestMethod]
        public void Opening_Just_After_The_Relock_Still_Belongs_To_The_Grant()
        {
            DoorRig rig = new DoorRig();
            rig.Machine.Grant(5, 0, false);
            rig.Run(5200);
            Assert.IsFalse(rig.Unlocked);
            rig.OpenDoor();
            Assert.AreEqual(5, rig.GrantIdOf(DoorEventKind.OpenedAfterGrant));
            Assert.AreEqual(0, rig.CountOf(DoorEventKind.Forced));
        }

        [TestMethod]
        public void Grant_Id_Zero_Gets_The_Same_Grace_As_Any_Other()
        {
            DoorRig rig = new DoorRig();
            rig.Machine.Grant(0, 0, false);
            rig.Run(5200);
            rig.OpenDoor();
            Assert.AreEqual(0, rig.GrantIdOf(DoorEventKind.OpenedAfterGrant));
            Assert.AreEqual(0, rig.CountOf(DoorEventKind.Forced));
        }

        [TestMethod]
        public void Opening_With_No_Grant_And_No_Exit_Request_Is_Forced()
        {
            DoorRig rig = new DoorRig();
            rig.Run(1000);
            rig.OpenDoor();
            Assert.AreEqual(1, rig.CountOf(DoorEventKind.Forced));
            Assert.IsTrue(rig.Machine.IsForced);
            Assert.AreEqual((int)IndicatorPattern.ForcedAlarm, (int)rig.Machine.Pattern);
            rig.CloseDoor();
            Assert.IsFalse(rig.Machine.IsForced);
        }

        [TestMethod]
        public void Opening_After_The_Grace_Is_Forced()
        {
            DoorRig rig = new DoorRig();
            rig.Machine.Grant(5, 0, false);
            rig.Run(5000 + rig.Settings.ForcedGraceMilliseconds + 100);
            rig.OpenDoor();
            Assert.AreEqual(1, rig.CountOf(DoorEventKind.Forced));
            Assert.AreEqual(5, rig.GrantIdOf(DoorEventKind.GrantUnused));
        }

        [TestMethod]
        public void Exit_Button_Unlocks_And_The_Following_Opening_Is_An_Exit()
        {
            DoorRig rig = new DoorRig();
            rig.PressExit();
            Assert.AreEqual(1, rig.CountOf(DoorEventKind.ExitRequested));
            Assert.IsTrue(rig.Unlocked);
            rig.OpenDoor();
            Assert.AreEqual(1, rig.CountOf(DoorEventKind.OpenedByExit));
            Assert.AreEqual(0, rig.CountOf(DoorEventKind.Forced));
            rig.CloseDoor();
            Assert.IsFalse(rig.Unlocked);
        }

        [TestMethod]
        public void Exit_Request_Without_Unlock_Still_Excuses_A_Mechanical_Exit()
        {
            DoorRig rig = new DoorRig();
            rig.Settings.RexUnlocks = false;
            rig.PressExit();
            Assert.IsFalse(rig.Unlocked);
            rig.OpenDoor();
            Assert.AreEqual(1, rig.CountOf(DoorEventKind.OpenedByExit));
            Assert.AreEqual(0, rig.CountOf(DoorEventKind.Forced));
        }

        [TestMethod]
        public void Exit_Window_Expires()
        {
            DoorRig rig = new DoorRig();
            rig.PressExit();
            rig.Run(rig.Settings.RexWindowMilliseconds + 100);
            rig.OpenDoor();
            Assert.AreEqual(1, rig.CountOf(DoorEventKind.Forced));
        }

        [TestMethod]
        public void Exit_Button_Bounce_Is_One_Request()
        {
            DoorRig rig = new DoorRig();
            for (int i = 0; i < 5; i++)
            {
                rig.ExitButton.Level = false;
                rig.Run(20);
                rig.ExitButton.Level = true;
                rig.Run(20);
            }
            rig.ExitButton.Level = false;
            rig.Run(200);
            rig.ExitButton.Level = true;
            rig.Run(200);
            Assert.AreEqual(1, rig.CountOf(DoorEventKind.ExitRequested));
        }

        [TestMethod]
        [DataRow(false, 30000)]
        [DataRow(true, 90000)]
        public void Held_Open_Alarm_After_The_Limit_And_Cleared_When_Closed(bool extended, int limit)
        {
            DoorRig rig = new DoorRig();
            rig.Machine.Grant(11, 0, extended);
            rig.OpenDoor();
            rig.Run(limit - 300);
            Assert.AreEqual(0, rig.CountOf(DoorEventKind.HeldOpen));
            rig.Run(400);
            Assert.AreEqual(1, rig.CountOf(DoorEventKind.HeldOpen));
            Assert.AreEqual(11, rig.GrantIdOf(DoorEventKind.HeldOpen));
            Assert.AreEqual((int)IndicatorPattern.HeldOpenAlarm, (int)rig.Machine.Pattern);
            rig.Run(60000);
            Assert.AreEqual(1, rig.CountOf(DoorEventKind.HeldOpen), "reported once");
            rig.CloseDoor();
            Assert.AreEqual(1, rig.CountOf(DoorEventKind.HeldOpenCleared));
            Assert.AreEqual((int)IndicatorPattern.Idle, (int)rig.Machine.Pattern);
        }

        [TestMethod]
        public void Contact_Bounce_Shorter_Than_The_Debounce_Is_Ignored()
        {
            DoorRig rig = new DoorRig();
            rig.Run(100);
            rig.Contact.Level = true;
            rig.Run(30);
            rig.Contact.Level = false;
            rig.Run(200);
            Assert.AreEqual(0, rig.CountOf(DoorEventKind.Forced));
            Assert.IsFalse(rig.Machine.IsOpen);
        }

        [TestMethod]
        public void A_Door_Found_Open_At_Boot_Is_Not_Forced_But_Can_Be_Held_Open()
        {
            DoorRig rig = new DoorRig();
            rig.Contact.Level = true;
            rig.Reboot();
            rig.Run(1000);
            Assert.AreEqual(0, rig.CountOf(DoorEventKind.Forced));
            rig.Run(30000);
            Assert.AreEqual(1, rig.CountOf(DoorEventKind.HeldOpen));
        }

        [TestMethod]
        public void A_New_Grant_Supersedes_An_Unused_One()
        {
            DoorRig rig = new DoorRig();
            rig.Machine.Grant(1, 0, false);
            rig.Run(1000);
            rig.Machine.Grant(2, 0, false);
            rig.OpenDoor();
            Assert.AreEqual(1, rig.GrantIdOf(DoorEventKind.GrantUnused));
            Assert.AreEqual(2, rig.GrantIdOf(DoorEventKind.OpenedAfterGrant));
        }
    }
}

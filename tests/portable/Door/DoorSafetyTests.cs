using DoorController.Door;
using nanoFramework.TestFramework;
using DoorController.Tests.Support;

namespace DoorController.Tests.Door
{
    /// <summary>The relay ends locked at boot, after a reboot and after anything throws, for both lock types.</summary>
    [TestClass]
    public class DoorSafetyTests
    {
        [TestMethod]
        [DataRow(0, true, false)]   // strike, active-high relay: de-energised = low
        [DataRow(0, false, true)]   // strike, active-low relay module: de-energised = high
        [DataRow(1, true, true)]    // maglock, active-high: energised to lock = high
        [DataRow(1, false, false)]  // maglock, active-low: energised to lock = low
        public void Boot_Drives_The_Relay_To_The_Locked_Level_For_Each_Polarity(int polarity, bool activeHigh, bool lockedLevel)
        {
            DoorRig rig = new DoorRig((LockPolarity)polarity, activeHigh);
            Assert.AreEqual(lockedLevel, rig.Relay.Level);
            Assert.IsFalse(rig.Unlocked);
        }

        [TestMethod]
        [DataRow(0)]
        [DataRow(1)]
        public void Reboot_During_An_Unlock_Comes_Back_Locked(int polarity)
        {
            DoorRig rig = new DoorRig((LockPolarity)polarity, true);
            rig.Machine.Grant(7, 0, false);
            rig.Run(100);
            Assert.IsTrue(rig.Unlocked, "granted door should be unlocked");
            rig.Reboot();
            Assert.IsFalse(rig.Unlocked, "relay must be locked right after boot");
            rig.Run(1000);
            Assert.IsFalse(rig.Unlocked, "the old grant must not survive the reboot");
        }

        [TestMethod]
        [DataRow(0)]
        [DataRow(1)]
        public void A_Throwing_Input_Locks_The_Relay_And_Reports_A_Fault(int polarity)
        {
            DoorRig rig = new DoorRig((LockPolarity)polarity, true);
            rig.Machine.Grant(7, 0, false);
            rig.Run(100);
            Assert.IsTrue(rig.Unlocked);
            rig.Contact.ThrowOnRead = true;
            rig.Run(10);
            Assert.IsFalse(rig.Unlocked);
            Assert.AreEqual(1, rig.Driver.FaultCount);
            Assert.AreEqual(1, rig.CountOf(DoorEventKind.Fault));
            rig.Run(500);
            Assert.IsFalse(rig.Unlocked);
            Assert.AreEqual(51, rig.Driver.FaultCount);
            Assert.AreEqual(1, rig.CountOf(DoorEventKind.Fault), "a fault that persists is reported once");
            Assert.AreEqual(7, rig.GrantIdOf(DoorEventKind.GrantUnused), "the cancelled grant is reported unused");
            rig.Contact.ThrowOnRead = false;
            rig.Run(6000);
            Assert.IsFalse(rig.Unlocked, "recovery does not resurrect the grant");
        }

        [TestMethod]
        public void A_Failing_Relay_Is_Reported_Once_Not_Every_Tick()
        {
            DoorRig rig = new DoorRig();
            rig.Relay.ThrowOnWrite = true;
            rig.Run(500);
            Assert.AreEqual(1, rig.CountOf(DoorEventKind.RelayFault));
            Assert.IsTrue(rig.Driver.RelayFaulted);
            rig.Relay.ThrowOnWrite = false;
            rig.Run(10);
            Assert.IsFalse(rig.Driver.RelayFaulted);
        }

        [TestMethod]
        public void A_Lock_Monitor_That_Disagrees_With_A_Closed_Door_Is_A_Relay_Fault_Once()
        {
            DoorRig rig = new DoorRig();
            FakeInput monitor = new FakeInput(false); // reports locked
            rig.Driver.LockMonitor = monitor;
            rig.Run(3000);
            Assert.AreEqual(0, rig.CountOf(DoorEventKind.RelayFault), "agrees while locked");
            rig.Machine.Grant(1, 0, false);
            rig.Run(1000);
            Assert.AreEqual(0, rig.CountOf(DoorEventKind.RelayFault), "lock travel time is allowed");
            rig.Run(1000);
            Assert.AreEqual(1, rig.CountOf(DoorEventKind.RelayFault), "commanded open, still reports locked");
            rig.Run(3000);
            monitor.Level = true; // now stuck reporting unlocked while relocked
            rig.Run(3000);
            Assert.AreEqual(2, rig.CountOf(DoorEventKind.RelayFault));
            rig.Drain();
        }

        [TestMethod]
        public void An_Open_Door_Does_Not_Trip_The_Lock_Monitor()
        {
            DoorRig rig = new DoorRig();
            FakeInput monitor = new FakeInput(true); // a bond sensor reads unbonded while the door stands open
            rig.Driver.LockMonitor = monitor;
            rig.Machine.Grant(1, 0, false);
            rig.OpenDoor();
            rig.Run(10000);
            Assert.AreEqual(0, rig.CountOf(DoorEventKind.RelayFault));
        }

        [TestMethod]
        public void A_Broken_Led_Does_Not_Cancel_The_Grant()
        {
            DoorRig rig = new DoorRig();
            rig.Led.ThrowOnWrite = true;
            rig.Buzzer.ThrowOnWrite = true;
            rig.Machine.Grant(3, 0, false);
            rig.Run(1000);
            Assert.IsTrue(rig.Unlocked);
            Assert.AreEqual(0, rig.Driver.FaultCount);
        }

        [TestMethod]
        public void Safe_Keeps_Release_Mode_But_Locks_The_Relay_Until_The_Next_Good_Tick()
        {
            DoorRig rig = new DoorRig();
            rig.Machine.SetMode(DoorMode.Release);
            rig.Run(20);
            Assert.IsTrue(rig.Unlocked);
            rig.Contact.ThrowOnRead = true;
            rig.Run(10);
            Assert.IsFalse(rig.Unlocked, "a throwing tick never leaves the door open");
            rig.Contact.ThrowOnRead = false;
            rig.Run(10);
            Assert.IsTrue(rig.Unlocked, "a commanded release continues once ticks succeed");
        }
    }
}

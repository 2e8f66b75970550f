using DoorController.Access;
using DoorController.Config;
using DoorController.Controller;
using DoorController.Core;
using DoorController.Journal;
using DoorController.Tests.Support;
using DoorController.Contract;
using nanoFramework.TestFramework;

namespace DoorController.Tests.Controller
{
    /// <summary>
    /// What the controller takes from the server's signed cache instead of its own configuration (the door's unlock
    /// time), the cache-applied record, and the restart reason the boot event carries.
    /// </summary>
    [TestClass]
    public class ServerOwnedSettingsTests
    {
        private static ControllerApp Boot(MemoryFileStore files, FakeBoard board, ManualClock clock, int doorId)
        {
            ControllerConfig config = new ControllerConfig();
            config.DeviceId = "gate-1";
            config.DeviceKeyHex = Hex.Encode(CacheKit.DeviceKey);
            config.DoorId = doorId;
            return ControllerRun.Boot(board, files, clock, config);
        }

        [TestMethod]
        public void The_Doors_Unlock_Time_Arrives_With_The_Cache_And_Its_Arrival_Is_Journalled()
        {
            MemoryFileStore files = new MemoryFileStore();
            ManualClock clock = new ManualClock();
            ControllerApp app = Boot(files, new FakeBoard(), clock, 4);
            Assert.AreEqual(new DoorController.Door.DoorSettings().UnlockMilliseconds, app.DoorUnlockMilliseconds, "before any cache: the built-in default");

            // The link verified and installed a bundle (CacheKit writes what it writes) and tells the cache.
            CacheKit.Install(files, CacheKit.Body(new PatentSite(), CacheKit.DeviceKey, 6), 6, PatentSite.FridayTenJst);
            app.Cache.StoreReplaced(null);
            app.Tick();

            Assert.AreEqual(4000, app.DoorUnlockMilliseconds, "door 4 of the site is set to 4 s on the server");
            Assert.AreEqual(1, ControllerRun.CountOf(app.Journal, EventType.CacheApplied));
            JournalRecord record = ControllerRun.LastOf(app.Journal, EventType.CacheApplied);
            CacheAppliedEvent applied = new CacheAppliedEvent();
            Assert.IsTrue(applied.TryDecode(record.Payload, 0, record.PayloadLength));
            Assert.AreEqual(6L, applied.CacheVersion);
            Assert.IsTrue(applied.Full);
            Assert.AreEqual(app.Cache.CredentialCount, applied.EntryCount);
            app.Tick();
            Assert.AreEqual(1, ControllerRun.CountOf(app.Journal, EventType.CacheApplied), "recorded once per cache, not per tick");
        }

        [TestMethod]
        public void A_Door_Without_Its_Own_Unlock_Time_Keeps_The_Default()
        {
            MemoryFileStore files = new MemoryFileStore();
            CacheKit.Install(files, CacheKit.Body(new PatentSite(), CacheKit.DeviceKey, 6), 6, PatentSite.FridayTenJst);
            ControllerApp app = Boot(files, new FakeBoard(), new ManualClock(), 2);
            Assert.AreEqual(new DoorController.Door.DoorSettings().UnlockMilliseconds, app.DoorUnlockMilliseconds);
            ControllerApp gate = Boot(files, new FakeBoard(), new ManualClock(), 1);
            Assert.AreEqual(3000, gate.DoorUnlockMilliseconds, "a cache found at boot applies at once");
            Assert.AreEqual(0, ControllerRun.CountOf(gate.Journal, EventType.CacheApplied), "loading the cache already on flash is not a new cache");
        }

        [TestMethod]
        public void A_Person_With_Extended_Access_Keeps_The_Door_Released_For_The_Extended_Time()
        {
            MemoryFileStore files = new MemoryFileStore();
            PatentSite site = new PatentSite();
            site.Users.Find(PatentSite.Employee).ExtendedAccess = true;
            // Valid whatever the clock says, so the offline decision does not wait for the time to be set.
            site.AddCredential(PatentSite.Employee, CredentialMethod.Nfc, "WAY1", 0, 0, CredentialFlags.AlwaysValid, 0);
            CacheKit.Install(files, CacheKit.Body(site, CacheKit.DeviceKey, 6), 6, PatentSite.FridayTenJst);
            FakeBoard board = new FakeBoard();
            ManualClock clock = new ManualClock();
            ControllerApp app = Boot(files, board, clock, 1);
            Assert.IsTrue(app.SiteClock.SetAuthenticated((PatentSite.FridayTenJst + 300) * 1000), "the time is known (the server's authenticated answer)");
            board.Reader.Present(System.Text.Encoding.UTF8.GetBytes("WAY1"));
            for (int i = 0; i < 10; i++)
            {
                app.Tick();
                clock.Advance(10);
            }
            Assert.StartsWith("granted", app.Flow.LastOutcome);
            for (int t = 0; t < 15000; t += 100)
            {
                clock.Advance(100);
                app.Tick();
            }
            Assert.IsTrue(app.Door.RelayUnlocked, "15 s after the grant the door is still released (the gate's own time is 3 s)");
            for (int t = 0; t < 6000; t += 100)
            {
                clock.Advance(100);
                app.Tick();
            }
            Assert.IsFalse(app.Door.RelayUnlocked, "and locked again after the extended 20 s");
        }

        [TestMethod]
        [DataRow(ResetReasons.Console)]
        [DataRow(ResetReasons.RemoteCommand)]
        public void A_Restart_The_Firmware_Asked_For_Is_Named_In_The_Boot_Event(int reason)
        {
            MemoryFileStore files = new MemoryFileStore();
            RestartMarker.Write(files, reason);
            ControllerApp app = Boot(files, new FakeBoard(), new ManualClock(), 1);
            Assert.AreEqual(reason, BootReason(app.Journal));
            app.Stop();
            ControllerApp next = Boot(files, new FakeBoard(), new ManualClock(), 1);
            Assert.AreEqual(ResetReasons.Unexpected, BootReason(next.Journal), "the marker is used once");
        }

        private static int BootReason(EventJournal journal)
        {
            JournalRecord record = ControllerRun.LastOf(journal, EventType.Boot);
            BootEvent boot = new BootEvent();
            Assert.IsTrue(boot.TryDecode(record.Payload, 0, record.PayloadLength));
            return boot.ResetReason;
        }
    }
}

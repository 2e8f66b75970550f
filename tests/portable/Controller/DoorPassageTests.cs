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
    /// Patent S116 on the controller: at a door the server says has a contact, a person's grant is a passage only
    /// when the door opens. The controller journals what the door did with the grant (door_opened or grant_unused,
    /// naming the grant's own access_decision record) and moves an offline grant's local presence only on the opening;
    /// at a door without a contact the grant is the passage and nothing more is journalled.
    /// </summary>
    [TestClass]
    public class DoorPassageTests
    {
        private const string Card = "PAS4"; // 4 bytes: a valid NFC UID length

        private sealed class Rig
        {
            public MemoryFileStore Files = new MemoryFileStore();
            public FakeBoard Board = new FakeBoard();
            public ManualClock Clock = new ManualClock();
            public ControllerConfig Config;
            public ControllerApp App;

            public Rig(int doorId, int readerId, bool contactWired)
            {
                PatentSite site = new PatentSite();
                // Valid whatever the clock says, so the offline decision does not wait for the time to be set.
                site.AddCredential(PatentSite.Employee, CredentialMethod.Nfc, Card, 0, 0, CredentialFlags.AlwaysValid, 0);
                CacheKit.Install(Files, CacheKit.Body(site, CacheKit.DeviceKey, 6), 6, PatentSite.FridayTenJst);
                Config = new ControllerConfig();
                Config.DeviceId = "gate-1";
                Config.DeviceKeyHex = Hex.Encode(CacheKit.DeviceKey);
                Config.DoorId = doorId;
                Config.NfcReaderId = readerId;
                if (!contactWired) Config.DoorContactPin = ConfigDefaults.PinNotUsed;
                App = ControllerRun.Boot(Board, Files, Clock, Config);
                Assert.IsTrue(App.SiteClock.SetAuthenticated((PatentSite.FridayTenJst + 300) * 1000));
            }

            public void Badge()
            {
                Board.Reader.Present(System.Text.Encoding.UTF8.GetBytes(Card));
                ControllerRun.Run(App, Clock, 100);
                Assert.StartsWith("granted", App.Flow.LastOutcome);
            }

            public void Door(bool open)
            {
                Board.Input(Config.DoorContactPin).Level = open; // reed contact: high = open
                ControllerRun.Run(App, Clock, 200);
            }

            public bool Inside(int area)
            {
                long at;
                AccessSources sources = App.Cache.Pipeline.Sources;
                return Presence.Effective(sources.Presence, sources.Site, PatentSite.Employee, area, out at) == Presence.Inside;
            }

            public PassageEvent Report(EventType type)
            {
                JournalRecord record = ControllerRun.LastOf(App.Journal, type);
                Assert.IsNotNull(record, EventTypeNames.ToName(type) + " journalled");
                PassageEvent report = new PassageEvent();
                Assert.IsTrue(report.TryDecode(record.Payload, 0, record.PayloadLength));
                return report;
            }

            public long GrantRecordId()
            {
                return ControllerRun.LastOf(App.Journal, EventType.AccessDecision).Id;
            }
        }

        [TestMethod]
        public void An_Offline_Grant_At_A_Contact_Door_Moves_Presence_When_The_Door_Opens()
        {
            Rig rig = new Rig(4, PatentSite.G4, true);
            Assert.AreEqual((int)PartState.Ok, (int)rig.App.Report.StateOf("contact"));
            rig.Badge();
            long grant = rig.GrantRecordId();
            Assert.IsFalse(rig.Inside(PatentSite.RoomX3), "granted, not yet through the door");

            rig.Door(true);
            Assert.IsTrue(rig.Inside(PatentSite.RoomX3), "the door opened: the passage is committed");
            PassageEvent opened = rig.Report(EventType.DoorOpened);
            Assert.AreEqual(4, opened.Door);
            Assert.AreEqual(grant, opened.GrantEvent, "the report names the grant's own record");
            Assert.AreEqual("", opened.RequestId, "decided offline: no server row to name");
            rig.Door(false);
            ControllerRun.Run(rig.App, rig.Clock, 8000);
            Assert.AreEqual(0, ControllerRun.CountOf(rig.App.Journal, EventType.GrantUnused), "an opened grant is not also unused");
            Assert.AreEqual(1, ControllerRun.CountOf(rig.App.Journal, EventType.DoorOpened));
        }

        [TestMethod]
        public void A_Grant_Whose_Door_Never_Opens_Leaves_Presence_Unchanged()
        {
            Rig rig = new Rig(4, PatentSite.G4, true);
            rig.Badge();
            long grant = rig.GrantRecordId();
            ControllerRun.Run(rig.App, rig.Clock, 4000 + 1500 + 500); // the door's 4 s, the grace, a margin
            PassageEvent unused = rig.Report(EventType.GrantUnused);
            Assert.AreEqual(grant, unused.GrantEvent);
            Assert.AreEqual(0, ControllerRun.CountOf(rig.App.Journal, EventType.DoorOpened));
            Assert.IsFalse(rig.Inside(PatentSite.RoomX3));

            // Still outside, so the toggle reader reads the next badge as an entry again; a later opening with no
            // grant is not this grant's passage.
            rig.Badge();
            rig.Door(true);
            Assert.IsTrue(rig.Inside(PatentSite.RoomX3));
            Assert.AreEqual(rig.GrantRecordId(), rig.Report(EventType.DoorOpened).GrantEvent, "the second grant passed, not the first");
        }

        [TestMethod]
        public void A_New_Grant_Before_The_Door_Opened_Settles_The_Previous_One_As_Unused()
        {
            Rig rig = new Rig(4, PatentSite.G4, true);
            rig.Badge();
            long first = rig.GrantRecordId();
            ControllerRun.Run(rig.App, rig.Clock, 1000);
            rig.Badge();
            long second = rig.GrantRecordId();
            Assert.AreEqual(first, rig.Report(EventType.GrantUnused).GrantEvent);
            rig.Door(true);
            Assert.AreEqual(second, rig.Report(EventType.DoorOpened).GrantEvent);
            Assert.AreEqual(1, ControllerRun.CountOf(rig.App.Journal, EventType.GrantUnused), "the door's own late report of the first grant is not journalled again");
        }

        [TestMethod]
        public void At_A_Door_Without_Contact_The_Grant_Is_The_Passage()
        {
            Rig rig = new Rig(1, PatentSite.G1, true);
            Assert.AreEqual((int)PartState.Ok, (int)rig.App.Report.StateOf("contact"));
            rig.Badge();
            Assert.IsTrue(rig.Inside(PatentSite.Building), "presence moves on the grant");
            ControllerRun.Run(rig.App, rig.Clock, 6000);
            Assert.AreEqual(0, ControllerRun.CountOf(rig.App.Journal, EventType.GrantUnused));
            Assert.AreEqual(0, ControllerRun.CountOf(rig.App.Journal, EventType.DoorOpened));
        }

        [TestMethod]
        public void A_Contact_The_Server_Expects_But_No_Pin_Reads_Is_Reported()
        {
            Rig rig = new Rig(4, PatentSite.G4, false);
            Assert.AreEqual((int)PartState.Degraded, (int)rig.App.Report.StateOf("contact"));
            Assert.Contains("door.contact.pin", rig.App.Report.DetailOf("contact"));
        }
    }
}

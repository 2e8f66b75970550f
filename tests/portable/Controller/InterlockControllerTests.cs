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
    /// A controller driving two doors with the interlock on: door 1 (gate, reader G1) on the board's door pins,
    /// door 2 (office door, reader G2) on GPIO 21 with its contact on GPIO 36. The NFC reader is G2, so a card is
    /// decided for door 2 (the server's reader record, from the cache). Offline (no broker): the one decision core
    /// refuses with "interlock" while door 1 is open, the door layer keeps both relays from being released together.
    /// </summary>
    [TestClass]
    public class InterlockControllerTests
    {
        private const string Card = "ILK4";
        private const int Door2Relay = 21;
        private const int Door2Contact = 36;
        private const int Door2Rex = 39;

        private sealed class Rig
        {
            public MemoryFileStore Files = new MemoryFileStore();
            public FakeBoard Board = new FakeBoard();
            public ManualClock Clock = new ManualClock();
            public ControllerConfig Config;
            public ControllerApp App;
            public bool Released;

            public Rig(bool interlock)
            {
                PatentSite site = new PatentSite();
                site.AddCredential(PatentSite.Employee, CredentialMethod.Nfc, Card, 0, 0, CredentialFlags.AlwaysValid, 0);
                CacheKit.Install(Files, CacheKit.Body(site, CacheKit.DeviceKey, 6), 6, PatentSite.FridayTenJst);
                Config = new ControllerConfig();
                Config.DeviceId = "gate-1";
                Config.DeviceKeyHex = Hex.Encode(CacheKit.DeviceKey);
                Config.DoorId = 1;
                Config.NfcReaderId = PatentSite.G2;
                Config.Door2Id = 2;
                Config.Door2RelayPin = Door2Relay;
                Config.Door2ContactPin = Door2Contact;
                Config.Door2RexPin = Door2Rex;
                Config.Interlock = interlock;
                Assert.IsNull(ConfigValidator.Validate(Config));
                Board.InputLevels[Config.RexPin] = true; // exit button not pressed (pull-up)
                App = ControllerRun.Boot(Board, Files, Clock, Config);
                Released = Config.Polarity == RelayPolarity.FailSafe ? !Config.RelayActiveHigh : Config.RelayActiveHigh;
                Assert.IsTrue(App.SiteClock.SetAuthenticated((PatentSite.FridayTenJst + 300) * 1000));
            }

            public bool Unlocked(int pin)
            {
                return Board.Output(pin).Level == Released;
            }

            public void Badge()
            {
                Board.Reader.Present(System.Text.Encoding.UTF8.GetBytes(Card));
                ControllerRun.Run(App, Clock, 100);
            }

            public void Contact(int pin, bool open)
            {
                Board.Input(pin).Level = open;
                ControllerRun.Run(App, Clock, 200);
            }

            public AccessDecisionEvent LastDecision()
            {
                JournalRecord record = ControllerRun.LastOf(App.Journal, EventType.AccessDecision);
                AccessDecisionEvent e = new AccessDecisionEvent();
                Assert.IsTrue(e.TryDecode(record.Payload, 0, record.PayloadLength));
                return e;
            }
        }

        [TestMethod]
        public void Both_Doors_Boot_Locked_And_Are_Reported()
        {
            Rig rig = new Rig(true);
            Assert.IsFalse(rig.Unlocked(rig.Config.RelayPin));
            Assert.IsFalse(rig.Unlocked(Door2Relay));
            Assert.IsTrue(rig.Board.OpenedAt(Door2Relay) != rig.Released, "door 2's relay is opened at the locked level");
            Assert.AreEqual((int)PartState.Ok, (int)rig.App.Report.StateOf("relay2"));
            Assert.AreEqual((int)PartState.Ok, (int)rig.App.Report.StateOf("interlock"));
            Assert.IsNotNull(rig.App.Door2.Interlock);
        }

        [TestMethod]
        public void A_Card_At_Door_2_While_Door_1_Is_Open_Is_Refused_With_Interlock_Then_Granted_After_It_Closes()
        {
            Rig rig = new Rig(true);
            rig.Contact(rig.Config.DoorContactPin, true); // door 1 open (forced)
            rig.Badge();
            ControllerRun.Run(rig.App, rig.Clock, 600);
            Assert.StartsWith("denied (interlock", rig.App.Flow.LastOutcome);
            AccessDecisionEvent refused = rig.LastDecision();
            Assert.IsFalse(refused.Allowed);
            Assert.AreEqual((int)ReasonCode.DoorInterlocked, refused.Reason);
            Assert.AreEqual(PatentSite.G2.ToString(), refused.ReaderId);
            Assert.IsFalse(rig.Unlocked(Door2Relay));

            rig.Contact(rig.Config.DoorContactPin, false);
            rig.Badge();
            ControllerRun.Run(rig.App, rig.Clock, 600);
            Assert.StartsWith("granted", rig.App.Flow.LastOutcome);
            Assert.IsTrue(rig.Unlocked(Door2Relay), "the card was for door 2: its relay is released");
            Assert.IsFalse(rig.Unlocked(rig.Config.RelayPin));
        }

        [TestMethod]
        public void The_Exit_Button_Of_Door_1_While_Door_2_Is_Unlocked_Is_Refused_And_Journalled()
        {
            Rig rig = new Rig(true);
            rig.Badge();
            ControllerRun.Run(rig.App, rig.Clock, 600);
            Assert.IsTrue(rig.Unlocked(Door2Relay));
            rig.Contact(rig.Config.RexPin, false); // pressed
            rig.Contact(rig.Config.RexPin, true);
            Assert.IsFalse(rig.Unlocked(rig.Config.RelayPin));
            JournalRecord record = ControllerRun.LastOf(rig.App.Journal, EventType.InterlockRefused);
            Assert.IsNotNull(record, "the refused press is journalled");
            InterlockRefusedEvent e = new InterlockRefusedEvent();
            Assert.IsTrue(e.TryDecode(record.Payload, 0, record.PayloadLength));
            Assert.AreEqual(1, e.Door);
            Assert.AreEqual(InterlockRefusedEvent.ExitButton, e.Source);
        }

        [TestMethod]
        public void Each_Doors_Alarm_Is_Journalled_With_Its_Own_Number_Though_The_Two_Share_One_Event_Queue()
        {
            Rig rig = new Rig(true);
            Assert.AreSame(rig.App.Door.Events, rig.App.Door2.Events);
            rig.Contact(Door2Rex, true); // door 2's exit button released (it read pressed at boot: the pin's default)
            ControllerRun.Run(rig.App, rig.Clock, 11000); // past its exit window
            rig.Contact(Door2Contact, true); // door 2 opened without a grant
            Assert.IsTrue(rig.App.Door2.IsForced, "door 2 is forced");
            Assert.AreEqual(2, LastForcedDoor(rig), "door 2's alarm carries door 2's number");
            rig.Contact(Door2Contact, false);
            rig.Contact(rig.Config.DoorContactPin, true);
            Assert.AreEqual(1, LastForcedDoor(rig));
            Assert.AreEqual(0, rig.App.Door.Events.Count, "drained every loop pass");
            Assert.AreEqual(0, rig.App.Door.Events.Dropped);
        }

        private static int LastForcedDoor(Rig rig)
        {
            JournalRecord record = ControllerRun.LastOf(rig.App.Journal, EventType.DoorForced);
            Assert.IsNotNull(record, "the forced opening is journalled");
            DoorForcedEvent e = new DoorForcedEvent();
            Assert.IsTrue(e.TryDecode(record.Payload, 0, record.PayloadLength));
            return e.Door;
        }

        [TestMethod]
        public void Without_The_Interlock_The_Two_Doors_Are_Independent()
        {
            Rig rig = new Rig(false);
            rig.Contact(rig.Config.DoorContactPin, true);
            rig.Badge();
            ControllerRun.Run(rig.App, rig.Clock, 600);
            Assert.StartsWith("granted", rig.App.Flow.LastOutcome);
            Assert.IsTrue(rig.Unlocked(Door2Relay));
            Assert.IsNull(rig.App.Door2.Interlock);
        }
    }
}

using DoorController.Config;
using DoorController.Controller;
using DoorController.Journal;
using DoorController.Tests.Support;
using DoorController.Contract;
using nanoFramework.TestFramework;

namespace DoorController.Tests.Controller
{
    /// <summary>
    /// The door settings of the configuration reach the pins through the whole controller: active levels of the relay
    /// module, LED and buzzer (opened at their idle level, relocked after a grant and after anything throws), the
    /// tamper switch and the lock monitor.
    /// </summary>
    [TestClass]
    public class DoorWiringTests
    {
        private static ControllerApp Boot(FakeBoard board, ControllerConfig config, ManualClock clock)
        {
            return ControllerRun.Boot(board, new MemoryFileStore(), clock, config);
        }

        private static void Run(ControllerApp app, ManualClock clock, int milliseconds)
        {
            ControllerRun.Run(app, clock, milliseconds);
        }

        [TestMethod]
        [DataRow(true, false)]   // fail-secure strike, active-high module: unpowered = low
        [DataRow(false, true)]   // fail-secure strike, "low level trigger" module: unpowered = high
        public void A_Fail_Secure_Relay_Holds_The_Unpowered_Level_At_Boot_After_A_Fault_And_After_Every_Relock(bool activeHigh, bool lockedLevel)
        {
            ControllerConfig config = new ControllerConfig();
            config.RelayActiveHigh = activeHigh;
            FakeBoard board = new FakeBoard();
            ManualClock clock = new ManualClock();
            ControllerApp app = Boot(board, config, clock);
            int relayPin = config.RelayPin;
            Assert.AreEqual(lockedLevel, board.OpenedAt(relayPin), "opened at the locked level");
            Assert.AreEqual(lockedLevel, board.Output(relayPin).Level, "locked after boot");
            Assert.Contains("active " + (activeHigh ? "high" : "low"), app.Report.DetailOf("relay"));

            for (int grant = 1; grant <= 3; grant++)
            {
                app.Door.Grant(grant, 1000, false);
                Run(app, clock, 50);
                Assert.AreEqual(!lockedLevel, board.Output(relayPin).Level, "energised while granted");
                Run(app, clock, 1000 + 1500 + 100);
                Assert.AreEqual(lockedLevel, board.Output(relayPin).Level, "relocked after grant " + grant);
            }

            app.Door.Grant(9, 5000, false);
            Run(app, clock, 50);
            Assert.AreEqual(!lockedLevel, board.Output(relayPin).Level);
            board.Input(config.DoorContactPin).ThrowOnRead = true;
            Run(app, clock, 20);
            Assert.AreEqual(lockedLevel, board.Output(relayPin).Level, "a tick that throws leaves the strike unpowered");
            board.Input(config.DoorContactPin).ThrowOnRead = false;
            Run(app, clock, 6000);
            Assert.AreEqual(lockedLevel, board.Output(relayPin).Level, "the cancelled grant does not come back");
        }

        [TestMethod]
        [DataRow(true)]
        [DataRow(false)]
        public void Led_And_Buzzer_Open_Off_For_Their_Active_Level_And_Light_On_A_Grant(bool activeHigh)
        {
            ControllerConfig config = new ControllerConfig();
            config.LedActiveHigh = activeHigh;
            config.BuzzerActiveHigh = activeHigh;
            FakeBoard board = new FakeBoard();
            ManualClock clock = new ManualClock();
            ControllerApp app = Boot(board, config, clock);
            Assert.AreEqual(!activeHigh, board.OpenedAt(config.LedPin), "LED opened off");
            Assert.AreEqual(!activeHigh, board.OpenedAt(config.BuzzerPin), "buzzer opened off");
            app.Door.Grant(1, 1000, false);
            Run(app, clock, 20);
            Assert.AreEqual(activeHigh, board.Output(config.LedPin).Level, "granted pattern lights the LED");
            Assert.AreEqual(activeHigh, board.Output(config.BuzzerPin).Level, "granted pattern sounds the buzzer");
        }

        [TestMethod]
        public void An_Opened_Enclosure_Is_Journalled_Once_And_Its_Closing_Too()
        {
            ControllerConfig config = new ControllerConfig();
            config.TamperPin = BoardPins.DevKitC.Tamper;
            FakeBoard board = new FakeBoard();
            ManualClock clock = new ManualClock();
            ControllerApp app = Boot(board, config, clock);
            Run(app, clock, 200);
            Assert.IsFalse(app.Tampered);
            board.Input(config.TamperPin).Level = true;
            Run(app, clock, 50);
            Assert.IsFalse(app.Tampered, "a blip shorter than the debounce is not tampering");
            Run(app, clock, 200);
            Assert.IsTrue(app.Tampered);
            board.Input(config.TamperPin).Level = false;
            Run(app, clock, 300);
            Assert.IsFalse(app.Tampered);
            Assert.AreEqual(2, ControllerRun.CountOf(app.Journal, EventType.Tamper));
            TamperEvent last = new TamperEvent();
            JournalRecord record = ControllerRun.LastOf(app.Journal, EventType.Tamper);
            Assert.IsTrue(last.TryDecode(record.Payload, 0, record.PayloadLength));
            Assert.IsFalse(last.Active);
        }

        [TestMethod]
        public void Without_A_Tamper_Pin_Nothing_Is_Read_Or_Journalled()
        {
            ControllerConfig config = new ControllerConfig();
            FakeBoard board = new FakeBoard();
            ManualClock clock = new ManualClock();
            ControllerApp app = Boot(board, config, clock);
            Run(app, clock, 300);
            Assert.IsNull(board.Input(BoardPins.DevKitC.Tamper));
            Assert.AreEqual(0, ControllerRun.CountOf(app.Journal, EventType.Tamper));
        }

        [TestMethod]
        public void A_Lock_Monitor_That_Disagrees_With_The_Relay_Is_A_Relay_Fault()
        {
            ControllerConfig config = new ControllerConfig();
            config.LockMonitorPin = BoardPins.DevKitC.LockMonitor;
            FakeBoard board = new FakeBoard();
            board.InputLevels[config.LockMonitorPin] = true; // reports "not locked" while the relay says locked
            ManualClock clock = new ManualClock();
            ControllerApp app = Boot(board, config, clock);
            Run(app, clock, 3000);
            Assert.AreEqual(1, ControllerRun.CountOf(app.Journal, EventType.RelayFault));
        }
    }
}

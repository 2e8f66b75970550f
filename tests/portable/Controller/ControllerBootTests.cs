using System.Text;
using DoorController.Config;
using DoorController.Contract;
using DoorController.Journal;
using DoorController.Controller;
using DoorController.Tests.Support;
using nanoFramework.TestFramework;

namespace DoorController.Tests.Controller
{
    /// <summary>The boot sequence shared by the ESP32 and the host: safe first, every part reported, faults contained.</summary>
    [TestClass]
    public class ControllerBootTests
    {
        private const int RelayPin = 26;

        private static ControllerApp Boot(FakeBoard board, MemoryFileStore files, ManualClock clock)
        {
            ControllerPlatform platform = new ControllerPlatform();
            platform.Clock = clock;
            platform.Files = files;
            platform.Board = board;
            ControllerApp app = new ControllerApp(platform);
            app.Boot();
            return app;
        }

        private static MemoryFileStore Provisioned()
        {
            return Provisioned(new ControllerConfig());
        }

        private static MemoryFileStore Provisioned(int flashMegabytes)
        {
            ControllerConfig config = new ControllerConfig();
            config.FlashMegabytes = flashMegabytes;
            return Provisioned(config);
        }

        private static MemoryFileStore Provisioned(ControllerConfig config)
        {
            MemoryFileStore files = new MemoryFileStore();
            config.DeviceId = "door-1";
            config.RelayPin = RelayPin;
            config.DoorContactPin = 27;
            config.RexPin = 14;
            string error;
            Assert.IsTrue(new ConfigStore(files).TrySave(config, out error), error);
            return files;
        }

        [TestMethod]
        public void The_Relay_Is_Driven_Locked_At_Boot_And_Every_Part_Is_Reported()
        {
            FakeBoard board = new FakeBoard();
            ControllerApp app = Boot(board, Provisioned(), new ManualClock());
            FakeOutput relay = board.Output(RelayPin);
            Assert.IsTrue(relay.Writes > 0, "the relay was never driven");
            Assert.AreEqual(app.Door.RelayUnlocked, false);
            string report = app.Report.Describe();
            string[] parts = new string[] { "config", "relay", "time", "journal", "cache", "console", "network", "link", "readers" };
            for (int i = 0; i < parts.Length; i++)
            {
                Assert.Contains(parts[i], report);
            }
            Assert.AreEqual((int)PartState.Ok, (int)app.Report.StateOf("relay"));
        }

        [TestMethod]
        public void Without_Network_Or_Cache_The_Controller_Still_Decides_And_Denies_With_A_Reason()
        {
            FakeBoard board = new FakeBoard();
            ManualClock clock = new ManualClock();
            ControllerApp app = Boot(board, Provisioned(), clock);
            Assert.AreEqual((int)PartState.Degraded, (int)app.Report.StateOf("network"));
            Assert.AreEqual((int)PartState.Degraded, (int)app.Report.StateOf("cache"));
            board.Reader.Present(new byte[] { 0x04, 0xA1, 0xB2, 0xC3 });
            for (int i = 0; i < 5; i++)
            {
                app.Tick();
                clock.Advance(20);
            }
            Assert.AreEqual(1, app.Flow.Decisions);
            Assert.StartsWith("denied (store-unavailable, offline)", app.Flow.LastOutcome);
            Assert.IsFalse(app.Door.RelayUnlocked);
            Assert.IsTrue(app.Journal.Depth >= 2, "boot and the decision are journalled");
        }

        [TestMethod]
        public void Tls_Without_A_Ca_Is_Refused_At_Boot_And_Never_Falls_Back_To_Plaintext()
        {
            FakeBoard board = new FakeBoard();
            ControllerConfig config = new ControllerConfig();
            config.MqttHost = "broker.site.example";
            config.MqttTls = true;
            config.MqttUser = "dc-door-1";
            config.MqttPassword = "broker-secret-1";
            ControllerApp app = Boot(board, Provisioned(config), new ManualClock());
            Assert.AreEqual(0, board.MqttOpened, "no MQTT client may be built for a TLS setting without a CA");
            Assert.AreEqual((int)PartState.Failed, (int)app.Report.StateOf("link"));
            Assert.Contains("no CA certificate", app.Report.DetailOf("link"));
            Assert.IsFalse(app.Link.IsOnline);
            Assert.AreEqual((int)PartState.Ok, (int)app.Report.StateOf("relay"), "the rest of the controller boots and decides offline");
        }

        [TestMethod]
        public void A_Client_Certificate_Without_Its_Key_Is_Refused_At_Boot()
        {
            FakeBoard board = new FakeBoard();
            ControllerConfig config = new ControllerConfig();
            config.MqttHost = "broker.site.example";
            config.CaCertificatePem = "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n";
            config.ClientCertificatePem = config.CaCertificatePem;
            ControllerApp app = Boot(board, Provisioned(config), new ManualClock());
            Assert.AreEqual(0, board.MqttOpened);
            Assert.Contains("client certificate and its key", app.Report.DetailOf("link"));
        }

        [TestMethod]
        public void A_Complete_Tls_Setting_Reaches_The_Board()
        {
            FakeBoard board = new FakeBoard();
            ControllerConfig config = new ControllerConfig();
            config.MqttHost = "broker.site.example";
            config.CaCertificatePem = "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n";
            config.MqttUser = "dc-door-1";
            config.MqttPassword = "broker-secret-1";
            Boot(board, Provisioned(config), new ManualClock());
            Assert.AreEqual(1, board.MqttOpened);
            Assert.AreEqual("dc-door-1", board.MqttConfig.MqttUser);
            Assert.AreEqual("broker-secret-1", board.MqttConfig.MqttPassword);
            Assert.IsTrue(board.MqttConfig.MqttTls);
        }

        [TestMethod]
        public void A_Dead_Relay_Pin_Is_Reported_And_The_Rest_Boots()
        {
            FakeBoard board = new FakeBoard();
            board.BrokenPin = RelayPin;
            ManualClock clock = new ManualClock();
            ControllerApp app = Boot(board, Provisioned(), clock);
            Assert.AreEqual((int)PartState.Failed, (int)app.Report.StateOf("relay"));
            Assert.AreEqual((int)PartState.Ok, (int)app.Report.StateOf("journal"));
            app.Tick();
            Assert.AreEqual(0, app.LoopFaults);
        }

        [TestMethod]
        public void A_Corrupt_Configuration_Boots_On_Defaults_And_Says_So()
        {
            MemoryFileStore files = Provisioned();
            byte[] bytes = files.ReadAll(ConfigStore.FileName);
            bytes[bytes.Length / 2] ^= 0x20;
            files.WriteAll(ConfigStore.FileName, bytes);
            ControllerApp app = Boot(new FakeBoard(), files, new ManualClock());
            Assert.AreEqual((int)PartState.Degraded, (int)app.Report.StateOf("config"));
            Assert.Contains("defaults", app.Report.DetailOf("config"));
            Assert.IsFalse(app.Door.RelayUnlocked);
        }

        [TestMethod]
        public void Boot_Is_Journalled_With_A_Boot_Counter_That_Grows()
        {
            MemoryFileStore files = Provisioned();
            ControllerApp first = Boot(new FakeBoard(), files, new ManualClock());
            uint boots = first.Journal.BootCounter;
            first.Stop();
            ControllerApp second = Boot(new FakeBoard(), files, new ManualClock());
            Assert.IsTrue(second.Journal.BootCounter > boots);
            Assert.Contains("boot", second.Log.Tail(5));
        }

        [TestMethod]
        public void The_Board_Flash_Setting_Sizes_The_Journal_And_The_Largest_Bundle()
        {
            int[] sizes = new int[] { 4, 16 };
            for (int i = 0; i < sizes.Length; i++)
            {
                ControllerApp app = Boot(new FakeBoard(), Provisioned(sizes[i]), new ManualClock());
                BoardFlash plan = JournalBudget.Plan(sizes[i]);
                Assert.AreEqual(plan.JournalSegments * plan.JournalSegmentBytes, app.Journal.CapacityBytes, sizes[i] + " MB journal");
                Assert.AreEqual(plan.MaxBodyBytes, app.Link.Bundles.MaxBodyBytes, sizes[i] + " MB bundle");
                Assert.AreEqual(plan.MaxDeltaBytes, app.Link.Bundles.MaxDeltaBytes);
                app.Stop();
            }
        }
    }
}

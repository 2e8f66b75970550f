using System.Text;
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
    /// Every configuration key changes what the controller does: for each key a second valid value is booted next to
    /// a fully wired baseline (every reader, tamper switch and lock monitor at the DevKitC pins, a broker, a signed
    /// cache, a console passcode) and the two runs must differ in what they ask of the hardware (pins and the level
    /// each is opened at, the readers and buses built, the broker endpoint, the network joined), in the boot report,
    /// or in behaviour (a card at the NFC reader with a broker that never answers, the door forced and held open:
    /// the journal). A key without a row, or a row whose value changes nothing, fails.
    /// </summary>
    [TestClass]
    public class ConfigKeyEffectTests
    {
        private const string Passcode = "7391-open";
        private const string OtherPem = "-----BEGIN CERTIFICATE-----\nQkJCQg==\n-----END CERTIFICATE-----\n";
        private const string KeyPem = "-----BEGIN PRIVATE KEY-----\nS0VZ\n-----END PRIVATE KEY-----\n";

        // key, value, then an optional setting both runs get (a pin that only matters on another bus; "second-door":
        // both runs drive a second door, door 2 on GPIO 21 with its contact on GPIO 36).
        private static readonly string[] Rows = new string[]
        {
            "device.id", "gate-2", "", "",
            "device.key", "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff", "", "",
            "wifi.ssid", "Other Net", "", "",
            "wifi.psk", "another-passphrase", "", "",
            "mqtt.host", "broker-2.example.net", "", "",
            "mqtt.port", "8884", "", "",
            "mqtt.tls", "off", "", "",
            "mqtt.user", "door-gate-2", "", "",
            "mqtt.password", "another-broker-secret", "", "",
            "tls.ca", OtherPem, "", "",
            "tls.cert", OtherPem, "", "",
            "tls.key", KeyPem, "", "",
            "relay.pin", "15", "", "",
            "relay.polarity", "fail-safe", "", "",
            "relay.active", "low", "", "",
            "door.contact.pin", "36", "", "",
            "door.rex.pin", "none", "", "",
            "led.pin", "none", "", "",
            "led.active", "low", "", "",
            "buzzer.pin", "none", "", "",
            "buzzer.active", "low", "", "",
            "tamper.pin", "39", "", "",
            "lock.monitor.pin", "36", "", "",
            "wiegand.d0", "36", "", "",
            "wiegand.d1", "39", "", "",
            "nfc.type", "mfrc522", "", "",
            "nfc.bus", "i2c", "", "",
            "nfc.sck", "15", "", "",
            "nfc.miso", "36", "", "",
            "nfc.mosi", "15", "", "",
            "nfc.cs", "15", "", "",
            "nfc.sda", "15", "nfc.bus", "i2c",
            "nfc.scl", "15", "nfc.bus", "i2c",
            "nfc.rx", "36", "nfc.bus", "uart",
            "nfc.tx", "15", "nfc.bus", "uart",
            "nfc.rst", "15", "", "",
            "qr.rx", "36", "", "",
            "qr.tx", "15", "", "",
            "ble.enabled", "off", "", "",
            "rtc", "ds3231", "", "",
            "rtc.sda", "15", "rtc", "ds3231",
            "rtc.scl", "15", "rtc", "ds3231",
            "door.heldopen.s", "60", "", "",
            "online.timeout.ms", "5000", "", "",
            "board.flash.mb", "16", "", "",
            "door.id", "7", "", "",
            "reader.nfc.id", "9", "", "",
            "reader.wiegand.id", "10", "", "",
            "reader.qr.id", "11", "", "",
            "reader.ble.id", "12", "", "",
            "door2.id", "4", "second-door", "",
            "door2.relay.pin", "22", "second-door", "",
            "door2.contact.pin", "none", "second-door", "",
            "door2.rex.pin", "39", "second-door", "",
            "door.interlock", "on", "second-door", "",
            "console.passcode.salt", "0f0e0d0c0b0a09080706050403020100", "", "",
            "console.passcode.hmac", "ffeeddccbbaa99887766554433221100ffeeddccbbaa99887766554433221100", "", "",
        };

        private static ControllerConfig Baseline()
        {
            ControllerConfig c = new ControllerConfig();
            BoardPins.DevKitC.ApplyTo(c);
            c.BleEnabled = true;
            c.DeviceId = "gate-1";
            c.DeviceKeyHex = Hex.Encode(CacheKit.DeviceKey);
            c.WifiSsid = "Site Net";
            c.WifiPsk = "site-passphrase";
            c.MqttHost = "broker.example.net";
            c.MqttUser = "door-gate-1";
            c.MqttPassword = "site-broker-secret";
            c.CaCertificatePem = "-----BEGIN CERTIFICATE-----\nQUFBQQ==\n-----END CERTIFICATE-----\n";
            c.DoorId = 1;
            c.NfcReaderId = 1;
            PasscodeHash.Set(c, Passcode, new byte[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 });
            return c;
        }

        [TestMethod]
        public void Every_Key_Has_A_Row()
        {
            for (int i = 0; i < ConfigCodec.Keys.Length; i++)
            {
                bool found = false;
                for (int r = 0; r < Rows.Length; r += 4)
                {
                    if (Rows[r] == ConfigCodec.Keys[i]) found = true;
                }
                Assert.IsTrue(found, "configuration key " + ConfigCodec.Keys[i] + " has no row: show what it changes, or remove it");
            }
            Assert.AreEqual(ConfigCodec.Keys.Length * 4, Rows.Length, "a row names a key that does not exist");
        }

        [TestMethod]
        public void The_Baseline_Is_A_Valid_Fully_Wired_Controller()
        {
            Assert.IsNull(ConfigValidator.Validate(Baseline()));
        }

        [TestMethod]
        public void Each_Key_Changes_What_The_Controller_Does()
        {
            for (int r = 0; r < Rows.Length; r += 4)
            {
                string key = Rows[r];
                ControllerConfig baseline = Baseline();
                ControllerConfig changed = Baseline();
                string error;
                if (Rows[r + 2] == "second-door")
                {
                    AddSecondDoor(baseline);
                    AddSecondDoor(changed);
                }
                else if (Rows[r + 2].Length > 0)
                {
                    Assert.IsTrue(ConfigCodec.TrySet(baseline, Rows[r + 2], Rows[r + 3], out error), error);
                    Assert.IsTrue(ConfigCodec.TrySet(changed, Rows[r + 2], Rows[r + 3], out error), error);
                }
                Assert.IsTrue(ConfigCodec.TrySet(changed, key, Rows[r + 1], out error), key + ": " + error);
                Assert.IsNull(ConfigValidator.Validate(changed), key + "=" + Rows[r + 1] + " must be valid: " + ConfigValidator.Validate(changed));
                string before = Observe(baseline);
                string after = Observe(changed);
                Assert.AreNotEqual(before, after, key + "=" + Rows[r + 1] + " changed nothing the controller does");
            }
        }

        private static void AddSecondDoor(ControllerConfig c)
        {
            c.Door2Id = 2;
            c.Door2RelayPin = 21;
            c.Door2ContactPin = 36;
        }

        /// <summary>Boots the controller on <paramref name="config"/> and writes down what it did.</summary>
        public static string Observe(ControllerConfig config)
        {
            MemoryFileStore files = new MemoryFileStore();
            CacheKit.Install(files, CacheKit.Body(new PatentSite(), CacheKit.DeviceKey, 6), 6, PatentSite.FridayTenJst);
            ManualClock clock = new ManualClock();
            ObservingBoard board = new ObservingBoard();
            ControllerApp app = ControllerRun.Boot(board, files, clock, config);
            StringBuilder seen = new StringBuilder();
            seen.Append(board.Log);
            seen.Append("report: ").Append(app.Report.Describe()).Append('\n');
            seen.Append("status: ").Append(ConfigValidator.DescribeMissing(app.Config)).Append('\n');
            seen.Append("passcode accepted: ").Append(PasscodeHash.Verify(app.Config, Passcode)).Append('\n');
            app.SiteClock.SetAuthenticated((PatentSite.FridayTenJst + 300) * 1000);

            // A card at the NFC reader while the broker never answers: decided offline once the timeout passes.
            ControllerRun.Run(app, clock, 100);
            board.Nfc.Present(new byte[] { 0x04, 0xA1, 0xB2, 0xC3 });
            ControllerRun.Run(app, clock, 600);
            seen.Append("decided within 600 ms: ").Append(app.Flow.Decisions).Append('\n');
            if (board.Broker != null)
            {
                seen.Append("broker client ").Append(board.Broker.ClientId).Append(' ').Append(board.Broker.Topics.Count > 0 ? (string)board.Broker.Topics[0] : "").Append('\n');
            }
            // The door forced open and left open for 40 s (in steps, as the main loop runs).
            FakeInput contact = config.DoorContactPin == ConfigDefaults.PinNotUsed ? null : board.Input(config.DoorContactPin);
            if (contact != null)
            {
                contact.Level = true;
            }
            ControllerRun.Run(app, clock, 40000);
            seen.Append(Journal(app.Journal));
            app.Stop();
            return seen.ToString();
        }

        /// <summary>The journalled events without their times.</summary>
        private static string Journal(EventJournal journal)
        {
            int n;
            JournalRecord[] records = ControllerRun.Records(journal, out n);
            EventJson json = new EventJson();
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < n; i++)
            {
                if (records[i].Type == EventType.Boot) continue; // counters only
                text.Append(json.Render(0, records[i].Type, 0, 0, false, records[i].Payload, records[i].PayloadLength)).Append('\n');
            }
            return text.ToString();
        }
    }
}

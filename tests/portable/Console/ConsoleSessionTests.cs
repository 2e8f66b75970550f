using System;
using System.Text;
using DoorController.Provisioning;
using nanoFramework.TestFramework;

namespace DoorController.Tests.Provisioning
{
    [TestClass]
    public class ConsoleSessionTests
    {
        private const string Key = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

        [TestMethod]
        public void Blank_Board_Is_Open_And_Warns_That_No_Passcode_Is_Set()
        {
            ConsoleHarness h = new ConsoleHarness();
            Assert.Contains("no console passcode is set", h.Banner);
            Assert.Contains("warning: no configuration on flash (blank board)", h.Banner);
            Assert.Contains("config: defaults (no configuration on flash", h.Send("status"));
            Assert.IsTrue(h.Banner.EndsWith(ConsoleSession.CommandPrompt));
            ConsoleAsserts.Ok(h.Send("status"));
        }

        [TestMethod]
        public void Wifi_Broker_And_Key_Are_Saved_And_Survive_A_Restart()
        {
            ConsoleHarness h = new ConsoleHarness();
            ConsoleAsserts.Ok(h.Send("set device door-01"));
            ConsoleAsserts.Ok(h.Send("set wifi \"Site Office\" correct-horse-9"));
            ConsoleAsserts.Ok(h.Send("set mqtt broker.example.net 8883 tls"));
            ConsoleAsserts.Ok(h.Send("set key " + Key));
            h.Restart();
            Assert.AreEqual("door-01", h.Config.DeviceId);
            Assert.AreEqual("Site Office", h.Config.WifiSsid);
            Assert.AreEqual("correct-horse-9", h.Config.WifiPsk);
            Assert.AreEqual("broker.example.net", h.Config.MqttHost);
            Assert.AreEqual(8883, h.Config.MqttPort);
            Assert.IsTrue(h.Config.MqttTls);
            Assert.AreEqual(Key, h.Config.DeviceKeyHex);
        }

        [TestMethod]
        public void Mqtt_Without_Tls_Word_Is_Plain_And_Bad_Port_Is_Refused()
        {
            ConsoleHarness h = new ConsoleHarness();
            ConsoleAsserts.Ok(h.Send("set mqtt 10.0.0.5 1883"));
            Assert.IsFalse(h.Config.MqttTls);
            ConsoleAsserts.Error(h.Send("set mqtt 10.0.0.5 70000"), "mqtt port 70000 is out of range");
            ConsoleAsserts.Error(h.Send("set mqtt 10.0.0.5 abc"), "mqtt port must be a whole number");
            Assert.AreEqual(1883, h.Config.MqttPort);
        }

        [TestMethod]
        public void Psk_Key_And_Passcode_Are_Never_Echoed_Or_Shown()
        {
            ConsoleHarness h = new ConsoleHarness();
            string echo = h.Send("set wifi Office sup3r-secret-psk") + h.Send("set key " + Key) + h.Send("set passcode 7391-open");
            string shown = h.Send("show config");
            string all = echo + shown;
            Assert.DoesNotContains("sup3r-secret-psk", all);
            Assert.DoesNotContains("00112233445566778899", all);
            Assert.DoesNotContains("7391-open", all);
            Assert.Contains("set wifi Office ****************\r\nok\r\n", echo);
            Assert.Contains("wifi.psk=(set, hidden)", shown);
            Assert.Contains("device.key=(set, hidden)", shown);
            Assert.Contains("console.passcode=(set)", shown);
            Assert.Contains("wifi.ssid=Office", shown);
        }

        [TestMethod]
        public void Invalid_Key_Is_Refused_And_The_Configuration_Is_Unchanged()
        {
            ConsoleHarness h = new ConsoleHarness();
            ConsoleAsserts.Ok(h.Send("set key " + Key));
            byte[] before = h.Files.ReadAll("config.txt");
            string reply = h.Send("set key 0011zz");
            ConsoleAsserts.Error(reply, "device key must be 64 hex digits");
            Assert.DoesNotContains("0011zz", reply.Substring(reply.IndexOf("error")));
            Assert.AreEqual(Key, h.Config.DeviceKeyHex);
            Assert.AreEqual(Encoding.UTF8.GetString(before, 0, before.Length), Text(h.Files.ReadAll("config.txt")));
        }

        [TestMethod]
        public void Unknown_Command_And_Bad_Usage_Say_Why()
        {
            ConsoleHarness h = new ConsoleHarness();
            ConsoleAsserts.Error(h.Send("frobnicate"), "unknown command 'frobnicate'");
            ConsoleAsserts.Error(h.Send("set wifi"), "usage: set wifi");
            ConsoleAsserts.Error(h.Send("set device \"unterminated"), "unterminated quote");
            ConsoleAsserts.Error(h.Send("set device bad/id"), "device id must be");
        }

        [TestMethod]
        public void Help_Lists_Every_Command_And_Ends_With_Ok()
        {
            ConsoleHarness h = new ConsoleHarness();
            string help = h.Send("help");
            Assert.Contains("set reader wiegand", help);
            Assert.Contains("factory-reset", help);
            Assert.Contains("log tail", help);
            ConsoleAsserts.Ok(help);
        }

        [TestMethod]
        public void Output_Only_Ends_A_Reply_With_One_Terminator()
        {
            ConsoleHarness h = new ConsoleHarness();
            string status = h.Send("status");
            Assert.AreEqual(status.IndexOf("\r\nok\r\n"), status.LastIndexOf("\r\nok\r\n"));
            Assert.Contains("provisioning: incomplete, missing device id, wifi, mqtt broker", status);
            Assert.Contains("runtime: not available", status);
        }

        [TestMethod]
        public void Status_Reports_Complete_Provisioning_And_Pending_Reboot()
        {
            ConsoleHarness h = new ConsoleHarness();
            h.Send("set device door-01");
            h.Send("set wifi Office password1");
            h.Send("set mqtt broker 1883 plain");
            h.Send("set mqtt-login dc-door-01 broker-secret-1");
            h.Send("set key " + Key);
            h.Send("set passcode 123456");
            string status = h.Send("status");
            Assert.Contains("provisioning: complete", status);
            Assert.Contains("config: changed and saved, reboot to apply", status);
        }

        [TestMethod]
        public void Relay_Pin_Must_Drive_An_Output_And_Pins_Cannot_Be_Shared()
        {
            ConsoleHarness h = new ConsoleHarness();
            ConsoleAsserts.Error(h.Send("set pin relay 35"), "relay pin: GPIO 35 is input-only");
            ConsoleAsserts.Error(h.Send("set pin relay 7"), "wired to the SPI flash");
            ConsoleAsserts.Error(h.Send("set pin led 27"), "led pin: GPIO 27 is already used by contact");
            ConsoleAsserts.Error(h.Send("set pin buzzer 1"), "UART0");
            ConsoleAsserts.Ok(h.Send("set pin contact 36"));
            ConsoleAsserts.Error(h.Send("set pin relay 25"), "rex pin: GPIO 25 is already used by relay");
            ConsoleAsserts.Ok(h.Send("set pin rex none"));
            ConsoleAsserts.Ok(h.Send("set pin relay 25"));
            Assert.AreEqual(25, h.Config.RelayPin);
            Assert.AreEqual(36, h.Config.DoorContactPin);
            Assert.AreEqual(-1, h.Config.RexPin);
        }

        [TestMethod]
        public void Readers_And_Relay_Polarity_Are_Configured_By_Name()
        {
            ConsoleHarness h = new ConsoleHarness();
            ConsoleAsserts.Ok(h.Send("set reader wiegand d0=14 d1=13"));
            ConsoleAsserts.Ok(h.Send("set relay polarity fail-safe"));
            ConsoleAsserts.Ok(h.Send("set relay active low"));
            ConsoleAsserts.Ok(h.Send("set led active low"));
            ConsoleAsserts.Ok(h.Send("set buzzer active low"));
            ConsoleAsserts.Ok(h.Send("set reader qr rx=16 tx=17"));
            ConsoleAsserts.Ok(h.Send("set reader ble on"));
            ConsoleAsserts.Ok(h.Send("set reader nfc mfrc522 spi sck=18 miso=19 mosi=23 cs=15 rst=4"));
            Assert.AreEqual(14, h.Config.WiegandD0Pin);
            Assert.AreEqual(13, h.Config.WiegandD1Pin);
            Assert.AreEqual(16, h.Config.QrRxPin);
            Assert.IsTrue(h.Config.BleEnabled);
            Assert.AreEqual(15, h.Config.NfcCsPin);
            Assert.AreEqual(4, h.Config.NfcResetPin);
            Assert.AreEqual("fail-safe", DoorController.Config.ConfigCodec.PolarityText(h.Config.Polarity));
            Assert.IsFalse(h.Config.RelayActiveHigh);
            Assert.IsFalse(h.Config.LedActiveHigh);
            Assert.IsFalse(h.Config.BuzzerActiveHigh);
            ConsoleAsserts.Error(h.Send("set relay active sideways"), "relay.active must be high or low");
            ConsoleAsserts.Error(h.Send("set reader nfc mfrc522 i2c sda=21 scl=22"), "mfrc522 is supported on spi only");
            ConsoleAsserts.Ok(h.Send("set reader nfc pn532 uart rx=21 tx=22"));
            Assert.AreEqual((int)DoorController.Config.NfcBus.Uart, (int)h.Config.NfcBusKind);
            Assert.AreEqual(21, h.Config.NfcRxPin);
            ConsoleAsserts.Error(h.Send("set reader nfc pn532 uart rx=16 tx=22"), "qr rx pin: GPIO 16 is already used by nfc rx");
            ConsoleAsserts.Error(h.Send("set reader wiegand d2=4"), "name one of: d0 d1");
            ConsoleAsserts.Error(h.Send("set relay polarity sideways"), "fail-secure or fail-safe");
            ConsoleAsserts.Ok(h.Send("set reader wiegand off"));
            Assert.AreEqual(-1, h.Config.WiegandD0Pin);
            ConsoleAsserts.Error(h.Send("set reader wiegand d0=34"), "wiegand needs both d0 and d1");
            Assert.AreEqual(-1, h.Config.WiegandD0Pin);
        }

        [TestMethod]
        public void Timings_Are_Range_Checked_And_Server_Owned_Ones_Are_Refused()
        {
            ConsoleHarness h = new ConsoleHarness();
            ConsoleAsserts.Ok(h.Send("set held-open-s 45"));
            ConsoleAsserts.Ok(h.Send("set online-timeout-ms 800"));
            ConsoleAsserts.Error(h.Send("set held-open-s 0"), "held-open-s 0 is out of range (1 to 3600)");
            ConsoleAsserts.Error(h.Send("set held-open-s none"), "must be a whole number");
            ConsoleAsserts.Error(h.Send("set unlock-ms 3000"), "unlock-ms is set on the server");
            ConsoleAsserts.Error(h.Send("set max-offline-days 3"), "max-offline-days is set on the server");
            ConsoleAsserts.Error(h.Send("set utc-offset-min -300"), "utc-offset-min is set on the server");
            Assert.AreEqual(45, h.Config.HeldOpenSeconds);
            Assert.AreEqual(800, h.Config.OnlineDecisionTimeoutMilliseconds);
        }

        [TestMethod]
        public void Door_And_Reader_Numbers_From_The_Server_Are_Set()
        {
            ConsoleHarness h = new ConsoleHarness();
            ConsoleAsserts.Ok(h.Send("set door-id 17"));
            ConsoleAsserts.Ok(h.Send("set reader-id nfc 41"));
            ConsoleAsserts.Ok(h.Send("set reader-id wiegand 42"));
            ConsoleAsserts.Error(h.Send("set reader-id door 3"), "usage: set reader-id");
            ConsoleAsserts.Error(h.Send("set door-id 0"), "door-id 0 is out of range");
            h.Restart();
            Assert.AreEqual(17, h.Config.DoorId);
            Assert.AreEqual(41, h.Config.NfcReaderId);
            Assert.AreEqual(42, h.Config.WiegandReaderId);
        }

        [TestMethod]
        public void A_Second_Door_And_The_Interlock_Are_Set_Together_And_Checked()
        {
            ConsoleHarness h = new ConsoleHarness();
            ConsoleAsserts.Error(h.Send("set interlock on"), "door.interlock needs a second door");
            ConsoleAsserts.Error(h.Send("set door2 18 26 36 39"), "door2 relay pin: GPIO 26 is already used by relay");
            ConsoleAsserts.Error(h.Send("set door2 18 21"), "usage: set door2");
            ConsoleAsserts.Ok(h.Send("set door2 18 21 none 39"));
            ConsoleAsserts.Error(h.Send("set interlock on"), "needs a door contact on both doors");
            ConsoleAsserts.Ok(h.Send("set door2 18 21 36 39"));
            ConsoleAsserts.Ok(h.Send("set interlock on"));
            h.Restart();
            Assert.AreEqual(18, h.Config.Door2Id);
            Assert.AreEqual(21, h.Config.Door2RelayPin);
            Assert.AreEqual(36, h.Config.Door2ContactPin);
            Assert.AreEqual(39, h.Config.Door2RexPin);
            Assert.IsTrue(h.Config.Interlock);
            ConsoleAsserts.Ok(h.Send("set door2 none"));
            Assert.AreEqual(0, h.Config.Door2Id);
            Assert.AreEqual(-1, h.Config.Door2RelayPin);
            Assert.IsFalse(h.Config.Interlock, "nothing left to interlock with");
        }

        [TestMethod]
        public void Ca_Certificate_Is_Pasted_Line_By_Line()
        {
            ConsoleHarness h = new ConsoleHarness();
            string start = h.Send("set ca");
            Assert.IsTrue(start.EndsWith(ConsoleSession.PemPrompt), start);
            string[] lines = ConsoleHarness.CertificateLines();
            string last = "";
            for (int i = 0; i < lines.Length; i++)
            {
                last = h.Send(lines[i]);
            }
            ConsoleAsserts.Ok(last);
            Assert.Contains("MBIxEDAOBgNVBAMMB3Rlc3QtY2Ew", h.Config.CaCertificatePem);
            Assert.IsTrue(h.Config.CaCertificatePem.EndsWith("-----END CERTIFICATE-----\n"));
            Assert.Contains("tls.ca=(PEM, ", h.Send("show config"));
            ConsoleAsserts.Ok(h.Send("set ca none"));
            Assert.AreEqual("", h.Config.CaCertificatePem);
        }

        [TestMethod]
        public void Client_Key_Paste_Is_Masked_And_A_Bad_Paste_Is_Cancelled()
        {
            ConsoleHarness h = new ConsoleHarness();
            h.Send("set cert-key");
            string echo = h.Send("-----BEGIN PRIVATE KEY-----") + h.Send("MC4CAQAwBQYDK2VwBCIEIPrivateKeyMaterial") + h.Send("-----END PRIVATE KEY-----");
            Assert.DoesNotContains("PrivateKeyMaterial", echo);
            ConsoleAsserts.Ok(echo);
            Assert.Contains("PrivateKeyMaterial", h.Config.ClientKeyPem);
            h.Send("set cert");
            ConsoleAsserts.Error(h.Send("not a pem line"), "expected a -----BEGIN");
            Assert.AreEqual("", h.Config.ClientCertificatePem);
            h.Send("set cert");
            h.Send("-----BEGIN CERTIFICATE-----");
            string cancelled = h.SendBytes(new byte[] { 0x03 });
            ConsoleAsserts.Error(cancelled, "cancelled");
            Assert.AreEqual("", h.Config.ClientCertificatePem);
        }

        [TestMethod]
        public void Oversize_Line_Is_Discarded_And_The_Console_Carries_On()
        {
            ConsoleHarness h = new ConsoleHarness();
            h.Send("set device door-01");
            string reply = h.Send("set device " + new string('x', 10000));
            ConsoleAsserts.Error(reply, "line longer than 256 characters discarded");
            Assert.IsTrue(reply.Length < 400, "echo stops at the limit");
            Assert.AreEqual("door-01", h.Config.DeviceId);
            ConsoleAsserts.Ok(h.Send("set device door-02"));
        }

        [TestMethod]
        public void Binary_Garbage_Is_Survived_And_Changes_Nothing()
        {
            ConsoleHarness h = new ConsoleHarness();
            h.Send("set device door-01");
            byte[] before = h.Files.ReadAll("config.txt");
            Random random = new Random(42);
            byte[] garbage = new byte[10000];
            random.NextBytes(garbage);
            for (int i = 0; i < garbage.Length; i++)
            {
                if (garbage[i] == 0x03) garbage[i] = 0xFF;
            }
            string output = h.SendBytes(garbage);
            Assert.Contains("error: line with control or non-ASCII bytes discarded", output);
            h.Send("");
            ConsoleAsserts.Ok(h.Send("status"));
            Assert.AreEqual(Text(before), Text(h.Files.ReadAll("config.txt")));
        }

        [TestMethod]
        public void Backspace_Edits_The_Line()
        {
            ConsoleHarness h = new ConsoleHarness();
            string reply = h.SendBytes(Encoding.UTF8.GetBytes("set device doorX\b-01\r\n"));
            ConsoleAsserts.Ok(reply);
            Assert.AreEqual("door-01", h.Config.DeviceId);
        }

        [TestMethod]
        public void Factory_Reset_Needs_The_Confirmation_Word()
        {
            ConsoleHarness h = new ConsoleHarness();
            h.Send("set device door-01");
            string ask = h.Send("factory-reset");
            Assert.IsTrue(ask.EndsWith(ConsoleSession.ConfirmPrompt), ask);
            ConsoleAsserts.Error(h.Send("yes"), "factory reset cancelled");
            Assert.AreEqual("door-01", h.Config.DeviceId);
            h.Send("factory-reset");
            ConsoleAsserts.Ok(h.Send("ERASE"));
            Assert.AreEqual("", h.Config.DeviceId);
            Assert.AreEqual(1, h.Device.Erases);
            Assert.AreEqual(1, h.Device.Reboots);
            Assert.IsFalse(h.Files.Exists("config.txt"));
        }

        [TestMethod]
        public void Reboot_Replies_Before_Restarting()
        {
            ConsoleHarness h = new ConsoleHarness();
            string reply = h.Send("reboot");
            Assert.Contains("rebooting\r\nok\r\n", reply);
            Assert.AreEqual(1, h.Device.Reboots);
        }

        [TestMethod]
        public void Bench_Tests_And_Statistics_Use_The_Providers()
        {
            ConsoleHarness h = new ConsoleHarness();
            ConsoleAsserts.Ok(h.Send("test reader"));
            h.Device.RelayWorks = false;
            ConsoleAsserts.Error(h.Send("test relay"), "relay driver not started");
            string stats = h.Send("stats");
            Assert.Contains("cache: not available", stats);
            Assert.Contains("link: not available", stats);
            ConsoleAsserts.Ok(stats);
            ConsoleAsserts.Ok(h.Send("log tail 5"));
            ConsoleAsserts.Error(h.Send("log tail 0"), "usage: log tail");
        }

        private static string Text(byte[] bytes)
        {
            return Encoding.UTF8.GetString(bytes, 0, bytes.Length);
        }
    }
}

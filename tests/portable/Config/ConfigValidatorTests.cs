using DoorController.Config;
using nanoFramework.TestFramework;

namespace DoorController.Tests.Config
{
    [TestClass]
    public class ConfigValidatorTests
    {
        private static string With(string key, string value)
        {
            ControllerConfig c = new ControllerConfig();
            string error;
            Assert.IsTrue(ConfigCodec.TrySet(c, key, value, out error), error);
            return ConfigValidator.Validate(c);
        }

        [TestMethod]
        public void Defaults_Are_Valid()
        {
            Assert.IsNull(ConfigValidator.Validate(new ControllerConfig()));
        }

        [TestMethod]
        [DataRow("relay.pin", "34", "input-only")]
        [DataRow("led.pin", "39", "input-only")]
        [DataRow("buzzer.pin", "6", "SPI flash")]
        [DataRow("door.rex.pin", "20", "does not exist")]
        [DataRow("door.rex.pin", "40", "out of range")]
        [DataRow("door.rex.pin", "3", "UART0")]
        [DataRow("relay.pin", "-1", "relay pin is required")]
        [DataRow("door.rex.pin", "26", "already used by relay")]
        [DataRow("mqtt.port", "0", "mqtt port 0 is out of range")]
        [DataRow("wifi.psk", "short", "wifi psk must be 8-63 characters")]
        [DataRow("device.key", "abcd", "device key must be 64 hex digits")]
        [DataRow("device.id", "door 1", "device id must be")]
        [DataRow("device.id", "door.1", "device id must be")]
        [DataRow("door.heldopen.s", "0", "held-open-s 0 is out of range")]
        [DataRow("tamper.pin", "26", "tamper pin: GPIO 26 is already used by relay")]
        [DataRow("lock.monitor.pin", "6", "SPI flash")]
        [DataRow("nfc.sck", "25", "nfc sck pin: GPIO 25 is already used by rex")]
        [DataRow("tls.ca", "not pem", "CA certificate is not a PEM block")]
        [DataRow("mqtt.user", "dc door", "mqtt user must be")]
        [DataRow("mqtt.user", "dc-door-1", "mqtt login needs both a user and a password")]
        [DataRow("mqtt.password", "secret", "mqtt login needs both a user and a password")]
        [DataRow("qr.tx", "17", "qr tx is set but qr rx is not")]
        [DataRow("nfc.cs", "-1", "nfc cs pin is required")]
        public void Invalid_Setting_Is_Explained(string key, string value, string expected)
        {
            string problem = With(key, value);
            Assert.IsNotNull(problem, key + "=" + value + " should be refused");
            Assert.Contains(expected, problem);
        }

        [TestMethod]
        public void Input_Only_Pins_Are_Fine_For_Inputs()
        {
            Assert.IsNull(With("door.contact.pin", "34"));
            Assert.IsNull(With("door.rex.pin", "39"));
        }

        [TestMethod]
        public void Pins_Of_A_Disabled_Reader_Are_Not_Claimed()
        {
            ControllerConfig c = new ControllerConfig();
            c.NfcType = NfcReaderType.None;
            c.RelayPin = BoardPins.DevKitC.NfcCs;
            Assert.IsNull(ConfigValidator.Validate(c));
        }

        [TestMethod]
        public void Missing_Items_Are_Listed_For_Status()
        {
            ControllerConfig c = new ControllerConfig();
            Assert.AreEqual("device id, wifi, mqtt broker, mqtt login, CA certificate (mqtt tls is on), device key, console passcode", ConfigValidator.DescribeMissing(c));
        }

        [TestMethod]
        public void A_Client_Certificate_Without_Its_Key_Is_Listed_As_Missing()
        {
            ControllerConfig c = new ControllerConfig();
            c.ClientCertificatePem = "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n";
            Assert.IsNull(ConfigValidator.Validate(c), "valid while the key is still to be pasted");
            Assert.Contains("client key (client certificate is set)", ConfigValidator.DescribeMissing(c));
        }

        [TestMethod]
        public void Esp32_Pin_Table_Matches_The_Datasheet()
        {
            int usable = 0;
            for (int pin = 0; pin <= Esp32Pins.MaxGpio; pin++)
            {
                if (Esp32Pins.IsUsable(pin)) usable++;
            }
            // 34 GPIOs exist (0-19, 21-23, 25-27, 32-39); minus flash 6-11 and UART0 1/3 leaves 26.
            Assert.AreEqual(26, usable);
            Assert.IsTrue(Esp32Pins.CanDriveOutput(33));
            Assert.IsFalse(Esp32Pins.CanDriveOutput(34));
        }
    }
}

using System.Text;
using DoorController.Config;
using DoorController.Tests.Support;
using nanoFramework.TestFramework;

namespace DoorController.Tests.Config
{
    [TestClass]
    public class ConfigStoreTests
    {
        private static ControllerConfig Provisioned()
        {
            ControllerConfig c = new ControllerConfig();
            c.DeviceId = "door-07";
            c.WifiSsid = "Site Office";
            c.WifiPsk = "back\\slash=and=equals";
            c.MqttHost = "broker.example.net";
            c.MqttPort = 8884;
            c.CaCertificatePem = "-----BEGIN CERTIFICATE-----\nAAAA\r\nBBBB\n-----END CERTIFICATE-----\n";
            c.DeviceKeyHex = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
            c.Polarity = RelayPolarity.FailSafe;
            c.NfcType = NfcReaderType.Mfrc522;
            c.WiegandD0Pin = 14;
            c.WiegandD1Pin = 13;
            c.BleEnabled = true;
            c.RelayActiveHigh = false;
            c.TamperPin = 34;
            PasscodeHash.Set(c, "7391-open", new byte[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 });
            return c;
        }

        [TestMethod]
        public void Blank_Flash_Loads_Defaults_And_Reports_Missing()
        {
            ConfigStore store = new ConfigStore(new MemoryFileStore());
            ControllerConfig c = store.Load();
            Assert.AreEqual((int)ConfigLoadStatus.Missing, (int)store.LastStatus);
            Assert.Contains("blank board", store.LastFault);
            Assert.AreEqual(BoardPins.DevKitC.Relay, c.RelayPin);
            Assert.IsNull(ConfigValidator.Validate(c), "defaults must be valid");
        }

        [TestMethod]
        public void Saved_Configuration_Loads_Back_Field_For_Field()
        {
            MemoryFileStore files = new MemoryFileStore();
            ControllerConfig saved = Provisioned();
            string error;
            Assert.IsTrue(new ConfigStore(files).TrySave(saved, out error), error);
            ConfigStore store = new ConfigStore(files);
            ControllerConfig loaded = store.Load();
            Assert.AreEqual((int)ConfigLoadStatus.Loaded, (int)store.LastStatus);
            Assert.IsNull(store.LastFault);
            for (int i = 0; i < ConfigCodec.Keys.Length; i++)
            {
                string key = ConfigCodec.Keys[i];
                Assert.AreEqual(ConfigCodec.Get(saved, key), ConfigCodec.Get(loaded, key), key);
            }
            Assert.IsFalse(files.Exists(ConfigStore.TempFileName), "the temporary file is swapped in, not left behind");
        }

        [TestMethod]
        public void Passcode_Is_Stored_Only_As_A_Salted_Hmac()
        {
            MemoryFileStore files = new MemoryFileStore();
            string error;
            new ConfigStore(files).TrySave(Provisioned(), out error);
            byte[] raw = files.ReadAll(ConfigStore.FileName);
            string text = Encoding.UTF8.GetString(raw, 0, raw.Length);
            Assert.DoesNotContains("7391-open", text);
            ControllerConfig loaded = new ConfigStore(files).Load();
            Assert.IsTrue(PasscodeHash.Verify(loaded, "7391-open"));
            Assert.IsFalse(PasscodeHash.Verify(loaded, "7391-opeN"));
        }

        [TestMethod]
        public void One_Flipped_Byte_Loads_Defaults_With_A_Fault()
        {
            MemoryFileStore files = new MemoryFileStore();
            string error;
            new ConfigStore(files).TrySave(Provisioned(), out error);
            byte[] raw = files.ReadAll(ConfigStore.FileName);
            raw[12] ^= 0x01;
            files.WriteAll(ConfigStore.FileName, raw);
            ConfigStore store = new ConfigStore(files);
            ControllerConfig c = store.Load();
            Assert.AreEqual((int)ConfigLoadStatus.Corrupt, (int)store.LastStatus);
            Assert.Contains("checksum", store.LastFault);
            Assert.AreEqual("", c.DeviceId);
        }

        [TestMethod]
        public void Truncated_Or_Binary_File_Loads_Defaults_With_A_Fault()
        {
            MemoryFileStore files = new MemoryFileStore();
            string error;
            new ConfigStore(files).TrySave(Provisioned(), out error);
            byte[] raw = files.ReadAll(ConfigStore.FileName);
            byte[] half = new byte[raw.Length / 2];
            System.Array.Copy(raw, half, half.Length);
            files.WriteAll(ConfigStore.FileName, half);
            ConfigStore store = new ConfigStore(files);
            store.Load();
            Assert.AreEqual((int)ConfigLoadStatus.Corrupt, (int)store.LastStatus);
            files.WriteAll(ConfigStore.FileName, new byte[] { 0, 0xFF, 0x10, 0x80 });
            store.Load();
            Assert.AreEqual((int)ConfigLoadStatus.Corrupt, (int)store.LastStatus);
            files.WriteAll(ConfigStore.FileName, new byte[0]);
            store.Load();
            Assert.AreEqual((int)ConfigLoadStatus.Corrupt, (int)store.LastStatus);
        }

        [TestMethod]
        public void Checksummed_But_Invalid_File_Is_Refused()
        {
            // A file with a correct CRC whose content breaks a rule (an input-only relay pin) is not trusted.
            MemoryFileStore files = new MemoryFileStore();
            string body = "device.id=door-01\nrelay.pin=36\n";
            byte[] bodyBytes = Encoding.UTF8.GetBytes(body);
            byte[] crc = new byte[4];
            DoorController.Core.LittleEndian.WriteUInt32(crc, 0, DoorController.Core.Crc32.Compute(bodyBytes));
            files.WriteAll(ConfigStore.FileName, Encoding.UTF8.GetBytes(body + "crc=" + DoorController.Core.Hex.Encode(crc) + "\n"));
            ConfigStore store = new ConfigStore(files);
            store.Load();
            Assert.AreEqual((int)ConfigLoadStatus.Corrupt, (int)store.LastStatus);
            Assert.Contains("input-only", store.LastFault);
        }

        [TestMethod]
        public void Invalid_Configuration_Is_Not_Saved_And_The_File_Is_Untouched()
        {
            MemoryFileStore files = new MemoryFileStore();
            string error;
            ConfigStore store = new ConfigStore(files);
            store.TrySave(Provisioned(), out error);
            byte[] before = files.ReadAll(ConfigStore.FileName);
            ControllerConfig bad = Provisioned();
            bad.LedPin = bad.RelayPin;
            Assert.IsFalse(store.TrySave(bad, out error));
            Assert.Contains("already used by relay", error);
            byte[] after = files.ReadAll(ConfigStore.FileName);
            Assert.AreEqual(before.Length, after.Length);
            Assert.AreEqual(Encoding.UTF8.GetString(before, 0, before.Length), Encoding.UTF8.GetString(after, 0, after.Length));
        }

        [TestMethod]
        public void Leftover_Temporary_File_From_A_Power_Cut_Is_Ignored_And_Replaced()
        {
            MemoryFileStore files = new MemoryFileStore();
            string error;
            ConfigStore store = new ConfigStore(files);
            store.TrySave(Provisioned(), out error);
            files.WriteAll(ConfigStore.TempFileName, Encoding.UTF8.GetBytes("device.id=half-writ"));
            Assert.AreEqual("door-07", new ConfigStore(files).Load().DeviceId);
            ControllerConfig next = Provisioned();
            next.DeviceId = "door-08";
            Assert.IsTrue(store.TrySave(next, out error), error);
            Assert.AreEqual("door-08", new ConfigStore(files).Load().DeviceId);
        }

        [TestMethod]
        public void Erase_Returns_The_Board_To_Blank()
        {
            MemoryFileStore files = new MemoryFileStore();
            string error;
            ConfigStore store = new ConfigStore(files);
            store.TrySave(Provisioned(), out error);
            Assert.IsTrue(store.TryErase(out error));
            store.Load();
            Assert.AreEqual((int)ConfigLoadStatus.Missing, (int)store.LastStatus);
        }
    }
}

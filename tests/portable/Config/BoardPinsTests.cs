using DoorController.Config;
using nanoFramework.TestFramework;

namespace DoorController.Tests.Config
{
    /// <summary>The pin table against the configuration: defaults, collisions, every function fitted at once.</summary>
    [TestClass]
    public class BoardPinsTests
    {
        [TestMethod]
        public void Defaults_Are_The_DevKitC_Column_Of_The_Pin_Table()
        {
            ControllerConfig c = new ControllerConfig();
            BoardPins b = BoardPins.DevKitC;
            Assert.AreEqual(b.Relay, c.RelayPin);
            Assert.AreEqual(b.Contact, c.DoorContactPin);
            Assert.AreEqual(b.Rex, c.RexPin);
            Assert.AreEqual(b.Led, c.LedPin);
            Assert.AreEqual(b.Buzzer, c.BuzzerPin);
            Assert.AreEqual((int)b.NfcType, (int)c.NfcType);
            Assert.AreEqual((int)b.NfcBusKind, (int)c.NfcBusKind);
            Assert.AreEqual(b.NfcSck, c.NfcSckPin);
            Assert.AreEqual(b.NfcMiso, c.NfcMisoPin);
            Assert.AreEqual(b.NfcMosi, c.NfcMosiPin);
            Assert.AreEqual(b.NfcCs, c.NfcCsPin);
            // Optional functions start unused; when turned on they take the table's pin.
            Assert.AreEqual(ConfigDefaults.PinNotUsed, c.WiegandD0Pin);
            Assert.AreEqual(ConfigDefaults.PinNotUsed, c.QrRxPin);
            Assert.AreEqual(ConfigDefaults.PinNotUsed, c.TamperPin);
            Assert.AreEqual(ConfigDefaults.PinNotUsed, c.LockMonitorPin);
            Assert.AreEqual(ConfigDefaults.PinNotUsed, c.NfcResetPin);
        }

        [TestMethod]
        public void The_Default_Rex_Pin_Is_Not_A_Documented_Wiegand_Pin()
        {
            ControllerConfig c = new ControllerConfig();
            Assert.AreNotEqual(BoardPins.DevKitC.WiegandD0, c.RexPin);
            Assert.AreNotEqual(BoardPins.DevKitC.WiegandD1, c.RexPin);
            c.WiegandD0Pin = BoardPins.DevKitC.WiegandD0;
            c.WiegandD1Pin = BoardPins.DevKitC.WiegandD1;
            Assert.IsNull(ConfigValidator.Validate(c), "turning Wiegand on at its documented pins needs no other change");
        }

        [TestMethod]
        [DataRow(0, 0)]
        [DataRow(0, 1)]
        [DataRow(0, 2)]
        [DataRow(1, 2)]
        public void Every_Function_Of_A_Board_Fits_At_Once_On_Each_Nfc_Bus(int boardIndex, int bus)
        {
            BoardPins board = BoardPins.All[boardIndex];
            ControllerConfig c = new ControllerConfig();
            board.ApplyTo(c);
            c.NfcBusKind = (NfcBus)bus;
            string problem = ConfigValidator.Validate(c);
            Assert.IsNull(problem, board.Name + " on " + ConfigCodec.NfcBusText((NfcBus)bus) + ": " + problem);
        }

        [TestMethod]
        public void The_Mfrc522_Fits_The_DevKitC_Table_With_Its_Reset_Pin()
        {
            ControllerConfig c = new ControllerConfig();
            BoardPins.DevKitC.ApplyTo(c);
            c.NfcType = NfcReaderType.Mfrc522;
            c.NfcResetPin = BoardPins.DevKitC.NfcReset;
            Assert.IsNull(ConfigValidator.Validate(c));
        }

        [TestMethod]
        [DataRow(0)]
        [DataRow(1)]
        public void No_Two_Functions_Of_A_Board_Share_A_Gpio_Except_The_Alternative_Nfc_Buses(int boardIndex)
        {
            BoardPins board = BoardPins.All[boardIndex];
            object[] owner = new object[Esp32Pins.MaxGpio + 1]; // not string[]: nfcheck NF027
            for (int i = 0; i < BoardPins.PinKeys.Length; i++)
            {
                string key = BoardPins.PinKeys[i];
                int pin = board.PinOf(key);
                Assert.IsTrue(pin >= ConfigDefaults.PinNotUsed, key + " is in the table");
                if (pin == ConfigDefaults.PinNotUsed)
                {
                    continue;
                }
                Assert.IsTrue(Esp32Pins.IsUsable(pin), board.Name + " " + key + " on GPIO " + pin + ": " + Esp32Pins.Problem(pin, false));
                string previous = (string)owner[pin];
                if (previous != null)
                {
                    // A PN532 carries HSU TX/RX on its SDA/SCL pins: one connector, either bus.
                    bool sharedNfcConnector = (previous == "nfc.sda" && key == "nfc.rx") || (previous == "nfc.scl" && key == "nfc.tx");
                    Assert.IsTrue(sharedNfcConnector, board.Name + ": GPIO " + pin + " is both " + previous + " and " + key);
                }
                owner[pin] = key;
            }
        }

        [TestMethod]
        public void Every_Pin_Key_Of_The_Table_Is_A_Configuration_Key()
        {
            ControllerConfig c = new ControllerConfig();
            for (int i = 0; i < BoardPins.PinKeys.Length; i++)
            {
                Assert.IsNotNull(ConfigCodec.Get(c, BoardPins.PinKeys[i]), BoardPins.PinKeys[i]);
            }
            Assert.AreEqual(-2, BoardPins.DevKitC.PinOf("door.unlock.ms"));
        }
    }
}

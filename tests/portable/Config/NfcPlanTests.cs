using DoorController.Config;
using nanoFramework.TestFramework;

namespace DoorController.Tests.Config
{
    /// <summary>
    /// What the board builds for each NFC reader type and bus (hal/esp32/Readers/NfcReaderFactory carries the plan
    /// out): bus ids from 1, PN532 SPI least significant bit first with the chip select left to the binding, the
    /// MFRC522 chip select on the SPI driver and its reset on the binding, the PN532 HSU on COM3.
    /// </summary>
    [TestClass]
    public class NfcPlanTests
    {
        private static ControllerConfig Config(NfcReaderType type, NfcBus bus)
        {
            ControllerConfig c = new ControllerConfig();
            c.NfcType = type;
            c.NfcBusKind = bus;
            return c;
        }

        [TestMethod]
        public void The_Default_Board_Has_A_Pn532_On_Spi1_At_The_Documented_Pins()
        {
            NfcPlan plan = NfcPlan.From(new ControllerConfig());
            Assert.IsNotNull(plan, "a default board must open an NFC reader");
            Assert.AreEqual((int)NfcReaderType.Pn532, (int)plan.Type);
            Assert.AreEqual((int)NfcBus.Spi, (int)plan.Bus);
            Assert.AreEqual(1, plan.BusId, "ESP32 SPI bus ids start at 1");
            Assert.IsTrue(plan.SpiLsbFirst, "the PN532 shifts the least significant bit first");
            Assert.AreEqual(NfcPlan.Pn532SpiClockHz, plan.SpiClockHz);
            Assert.AreEqual(BoardPins.DevKitC.NfcCs, plan.ChipSelectPin);
            Assert.IsFalse(plan.ChipSelectByDriver, "the PN532 binding drives its chip select itself");
            Assert.AreEqual(3, plan.Pins.Length);
            Assert.AreEqual(BoardPins.DevKitC.NfcSck, plan.Pins[0]);
            Assert.AreEqual((int)NfcPinFunction.SpiClock, (int)plan.Functions[0]);
            Assert.AreEqual(BoardPins.DevKitC.NfcMiso, plan.Pins[1]);
            Assert.AreEqual((int)NfcPinFunction.SpiMiso, (int)plan.Functions[1]);
            Assert.AreEqual(BoardPins.DevKitC.NfcMosi, plan.Pins[2]);
            Assert.AreEqual((int)NfcPinFunction.SpiMosi, (int)plan.Functions[2]);
            Assert.AreEqual(NfcPlan.Pn532EmptyPollsToForget, plan.EmptyPollsToForget);
            Assert.AreEqual("pn532 on spi1 (sck 18, miso 19, mosi 23, cs 5)", plan.Describe());
        }

        [TestMethod]
        public void An_Mfrc522_Gets_Msb_First_A_Driver_Chip_Select_And_Its_Reset_On_The_Binding()
        {
            ControllerConfig c = Config(NfcReaderType.Mfrc522, NfcBus.Spi);
            c.NfcResetPin = 4;
            NfcPlan plan = NfcPlan.From(c);
            Assert.AreEqual(1, plan.BusId);
            Assert.IsFalse(plan.SpiLsbFirst);
            Assert.IsTrue(plan.ChipSelectByDriver);
            Assert.IsTrue(plan.SpiClockHz <= 10000000, "the MFRC522 runs at 10 MHz at most");
            Assert.AreEqual(4, plan.ResetPin);
            Assert.IsTrue(plan.ResetByBinding);
            Assert.AreEqual(NfcPlan.Mfrc522EmptyPollsToForget, plan.EmptyPollsToForget);
        }

        [TestMethod]
        public void A_Pn532_On_I2c_Uses_Bus_1_Address_0x24_And_The_Sda_Scl_Pins()
        {
            ControllerConfig c = Config(NfcReaderType.Pn532, NfcBus.I2c);
            NfcPlan plan = NfcPlan.From(c);
            Assert.AreEqual(1, plan.BusId, "ESP32 I2C bus ids start at 1");
            Assert.AreEqual(0x24, plan.I2cAddress);
            Assert.AreEqual(2, plan.Pins.Length);
            Assert.AreEqual(c.NfcSdaPin, plan.Pins[0]);
            Assert.AreEqual((int)NfcPinFunction.I2cData, (int)plan.Functions[0]);
            Assert.AreEqual(c.NfcSclPin, plan.Pins[1]);
            Assert.AreEqual((int)NfcPinFunction.I2cClock, (int)plan.Functions[1]);
            Assert.AreEqual(ConfigDefaults.PinNotUsed, plan.ChipSelectPin);
        }

        [TestMethod]
        public void A_Pn532_On_Hsu_Opens_Com3_On_The_Rx_Tx_Pins()
        {
            ControllerConfig c = Config(NfcReaderType.Pn532, NfcBus.Uart);
            c.NfcRxPin = 15;
            c.NfcTxPin = 14;
            NfcPlan plan = NfcPlan.From(c);
            Assert.AreEqual("COM3", plan.PortName);
            Assert.AreEqual(0, plan.BusId);
            Assert.AreEqual(15, plan.Pins[0]);
            Assert.AreEqual((int)NfcPinFunction.UartRx, (int)plan.Functions[0]);
            Assert.AreEqual(14, plan.Pins[1]);
            Assert.AreEqual((int)NfcPinFunction.UartTx, (int)plan.Functions[1]);
            Assert.IsFalse(plan.ResetByBinding, "the PN532 binding has no reset pin: the board pulses it");
        }

        [TestMethod]
        public void No_Reader_Or_An_Unsupported_Bus_Gives_No_Plan()
        {
            Assert.IsNull(NfcPlan.From(Config(NfcReaderType.None, NfcBus.Spi)));
            Assert.IsNull(NfcPlan.From(Config(NfcReaderType.Mfrc522, NfcBus.I2c)));
            Assert.IsNull(NfcPlan.From(Config(NfcReaderType.Mfrc522, NfcBus.Uart)));
            Assert.IsNotNull(ConfigValidator.Validate(Config(NfcReaderType.Mfrc522, NfcBus.Uart)));
        }

        [TestMethod]
        public void The_Validator_Claims_Only_The_Pins_Of_The_Chosen_Bus()
        {
            ControllerConfig c = Config(NfcReaderType.Pn532, NfcBus.Uart);
            // SPI pins are free for other functions once the reader is on HSU.
            c.RelayPin = BoardPins.DevKitC.NfcSck;
            Assert.IsNull(ConfigValidator.Validate(c));
            c.NfcBusKind = NfcBus.Spi;
            Assert.Contains("already used by relay", ConfigValidator.Validate(c));
        }
    }
}

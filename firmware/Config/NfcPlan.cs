namespace DoorController.Config
{
    /// <summary>
    /// What the board has to build for the configured NFC reader, worked out here (portable, tested on the host) so
    /// the ESP32 binding only carries it out (hal/esp32/Readers/NfcReaderFactory). Facts from the nanoFramework API
    /// notes (/work/shared/nanoframework-api.md 7a, 7b, 18, 20):
    /// <list type="bullet">
    /// <item>ESP32 I2C and SPI bus ids start at 1 (SPI1 = HSPI); pins are routed to a bus with
    /// Configuration.SetPinFunction before the device is created, the chip select is a plain GPIO.</item>
    /// <item>PN532 over SPI: mode 0, least significant bit first, 2 MHz; its constructor drives the chip select
    /// itself, so the SPI driver is given none. Over I2C it answers at 0x24. Over HSU it opens the COM port at
    /// 115200 baud itself.</item>
    /// <item>MFRC522: SPI mode 0, most significant bit first, at most 10 MHz; the driver drives the chip select; its
    /// constructor pulses the reset pin when one is given. The PN532 binding has no reset pin: when one is wired
    /// (RSTPDN) the board pulses it low and then holds it high before opening the chip.</item>
    /// </list>
    /// </summary>
    public sealed class NfcPlan
    {
        public const int SpiBusId = 1;
        public const int I2cBusId = 1;
        public const string UartPort = "COM3";
        public const int Pn532I2cAddress = 0x24;
        public const int Pn532SpiClockHz = 2000000;
        /// <summary>Half the chip's 10 MHz: reader cables run to the door frame.</summary>
        public const int Mfrc522SpiClockHz = 5000000;
        /// <summary>PN532: polls without a card before the one on the pad counts as gone (it answers every poll).</summary>
        public const int Pn532EmptyPollsToForget = 1;
        /// <summary>MFRC522: a halted card stays silent on the pad, so one empty poll proves nothing.</summary>
        public const int Mfrc522EmptyPollsToForget = 3;

        public NfcReaderType Type;
        public NfcBus Bus;
        /// <summary>SPI or I2C bus id (1-based on the ESP32); 0 for UART.</summary>
        public int BusId;
        public string PortName;
        public int I2cAddress;
        public int SpiClockHz;
        public bool SpiLsbFirst;
        /// <summary>The chip select GPIO (SPI), <see cref="ConfigDefaults.PinNotUsed"/> otherwise.</summary>
        public int ChipSelectPin;
        /// <summary>True when the SPI driver drives <see cref="ChipSelectPin"/>; false when the binding drives it (PN532).</summary>
        public bool ChipSelectByDriver;
        /// <summary>Reset GPIO, <see cref="ConfigDefaults.PinNotUsed"/> when not wired.</summary>
        public int ResetPin;
        /// <summary>True when the binding's constructor takes the reset pin (MFRC522); false when the board pulses it (PN532).</summary>
        public bool ResetByBinding;
        public int EmptyPollsToForget;
        /// <summary>Bus pins to route, with <see cref="Functions"/> at the same index.</summary>
        public int[] Pins;
        public NfcPinFunction[] Functions;

        /// <summary>The plan for <paramref name="c"/>, or null when no NFC reader is configured or the combination is not supported.</summary>
        public static NfcPlan From(ControllerConfig c)
        {
            if (c == null || c.NfcType == NfcReaderType.None)
            {
                return null;
            }
            NfcPlan plan = new NfcPlan();
            plan.Type = c.NfcType;
            plan.Bus = c.NfcBusKind;
            plan.ResetPin = c.NfcResetPin;
            plan.ResetByBinding = c.NfcType == NfcReaderType.Mfrc522;
            plan.ChipSelectPin = ConfigDefaults.PinNotUsed;
            plan.PortName = "";
            plan.EmptyPollsToForget = c.NfcType == NfcReaderType.Mfrc522 ? Mfrc522EmptyPollsToForget : Pn532EmptyPollsToForget;
            if (c.NfcType == NfcReaderType.Mfrc522 && c.NfcBusKind != NfcBus.Spi)
            {
                return null; // ConfigValidator refuses it: the common MFRC522 modules only break out SPI
            }
            switch (c.NfcBusKind)
            {
                case NfcBus.Spi:
                    plan.BusId = SpiBusId;
                    plan.ChipSelectPin = c.NfcCsPin;
                    plan.ChipSelectByDriver = c.NfcType == NfcReaderType.Mfrc522;
                    plan.SpiLsbFirst = c.NfcType == NfcReaderType.Pn532;
                    plan.SpiClockHz = c.NfcType == NfcReaderType.Pn532 ? Pn532SpiClockHz : Mfrc522SpiClockHz;
                    plan.Pins = new int[] { c.NfcSckPin, c.NfcMisoPin, c.NfcMosiPin };
                    plan.Functions = new NfcPinFunction[] { NfcPinFunction.SpiClock, NfcPinFunction.SpiMiso, NfcPinFunction.SpiMosi };
                    return plan;
                case NfcBus.I2c:
                    plan.BusId = I2cBusId;
                    plan.I2cAddress = Pn532I2cAddress;
                    plan.Pins = new int[] { c.NfcSdaPin, c.NfcSclPin };
                    plan.Functions = new NfcPinFunction[] { NfcPinFunction.I2cData, NfcPinFunction.I2cClock };
                    return plan;
                default:
                    plan.PortName = UartPort;
                    plan.Pins = new int[] { c.NfcRxPin, c.NfcTxPin };
                    plan.Functions = new NfcPinFunction[] { NfcPinFunction.UartRx, NfcPinFunction.UartTx };
                    return plan;
            }
        }

        /// <summary>One line for the boot report: "pn532 on spi1 (sck 18, miso 19, mosi 23, cs 5)".</summary>
        public string Describe()
        {
            string text = ConfigCodec.NfcTypeText(Type) + " on " + ConfigCodec.NfcBusText(Bus)
                + (Bus == NfcBus.Uart ? " " + PortName : BusId.ToString()) + " (";
            for (int i = 0; i < Pins.Length; i++)
            {
                text += (i == 0 ? "" : ", ") + FunctionText(Functions[i]) + " " + Pins[i].ToString();
            }
            if (ChipSelectPin != ConfigDefaults.PinNotUsed) text += ", cs " + ChipSelectPin.ToString();
            if (ResetPin != ConfigDefaults.PinNotUsed) text += ", rst " + ResetPin.ToString();
            return text + ")";
        }

        private static string FunctionText(NfcPinFunction function)
        {
            switch (function)
            {
                case NfcPinFunction.SpiClock: return "sck";
                case NfcPinFunction.SpiMiso: return "miso";
                case NfcPinFunction.SpiMosi: return "mosi";
                case NfcPinFunction.I2cData: return "sda";
                case NfcPinFunction.I2cClock: return "scl";
                case NfcPinFunction.UartRx: return "rx";
                default: return "tx";
            }
        }
    }
}

namespace DoorController.Config
{
    /// <summary>
    /// The pin table: which GPIO each function uses on each supported board (docs/wiring.md is checked against it by
    /// tests/integration/WiringDocTests). The configuration defaults are the ESP32-DevKitC column; a function off by
    /// default (Wiegand, QR, tamper, lock monitor) still has its documented pin here, which
    /// <see cref="ApplyTo"/> uses to turn everything on. The three NFC bus variants share the connector where the
    /// hardware allows it: PN532 boards carry HSU TX/RX on the same pins as I2C SDA/SCL, so one cable serves both.
    /// </summary>
    public sealed class BoardPins
    {
        public readonly string Name;
        public int Relay;
        public int Contact;
        public int Rex;
        public int Led;
        public int Buzzer;
        public int WiegandD0;
        public int WiegandD1;
        public int QrRx;
        public int QrTx;
        public int Tamper;
        public int LockMonitor;
        public NfcReaderType NfcType;
        public NfcBus NfcBusKind;
        public int NfcSck;
        public int NfcMiso;
        public int NfcMosi;
        public int NfcCs;
        public int NfcReset;
        public int NfcSda;
        public int NfcScl;
        /// <summary>Where a DS3231 goes by default (I2C bus 1); used only with `rtc ds3231`.</summary>
        public int RtcSda;
        public int RtcScl;
        public int NfcRx;
        public int NfcTx;

        private BoardPins(string name)
        {
            Name = name;
        }

        // The tables are made when asked for, not held in static fields: every field of an object is a 12-byte heap
        // block on nanoCLR, and the controller reads them once at boot (docs/hardware.md, managed heap).

        /// <summary>ESP32-DevKitC (WROOM-32): VSPI pins for the NFC front-end, UART2 pins for the QR scanner. A new instance each time.</summary>
        public static BoardPins DevKitC
        {
            get { return CreateDevKitC(); }
        }

        /// <summary>Olimex ESP32-POE: the Ethernet PHY takes most pins; the readers use the UEXT connector. A new instance each time.</summary>
        public static BoardPins OlimexPoe
        {
            get { return CreateOlimexPoe(); }
        }

        public static BoardPins[] All
        {
            get { return new BoardPins[] { DevKitC, OlimexPoe }; }
        }

        private static BoardPins CreateDevKitC()
        {
            BoardPins b = new BoardPins("ESP32-DevKitC");
            b.Relay = 26;
            b.Contact = 27;
            b.Rex = 25;
            b.Led = 32;
            b.Buzzer = 33;
            b.WiegandD0 = 14;
            b.WiegandD1 = 13;
            b.QrRx = 16;
            b.QrTx = 17;
            b.Tamper = 34;
            b.LockMonitor = 35;
            b.NfcType = NfcReaderType.Pn532;
            b.NfcBusKind = NfcBus.Spi;
            b.NfcSck = 18;
            b.NfcMiso = 19;
            b.NfcMosi = 23;
            b.NfcCs = 5;
            b.NfcReset = 4;
            b.NfcSda = 21;
            b.NfcScl = 22;
            b.RtcSda = 21;
            b.RtcScl = 22;
            b.NfcRx = 21;
            b.NfcTx = 22;
            return b;
        }

        private static BoardPins CreateOlimexPoe()
        {
            BoardPins b = new BoardPins("Olimex ESP32-POE");
            b.Relay = 32;
            b.Contact = 33;
            b.Rex = 35;
            b.Led = 4;
            b.Buzzer = 2;
            b.WiegandD0 = 13;
            b.WiegandD1 = 16;
            b.QrRx = 36;
            b.QrTx = ConfigDefaults.PinNotUsed;
            b.Tamper = 34;
            b.LockMonitor = 39;
            b.NfcType = NfcReaderType.Pn532;
            b.NfcBusKind = NfcBus.Uart;
            // No SPI or I2C pins are left next to the PHY: a PN532 over HSU on the UEXT SCK/MISO pins.
            b.NfcSck = ConfigDefaults.PinNotUsed;
            b.NfcMiso = ConfigDefaults.PinNotUsed;
            b.NfcMosi = ConfigDefaults.PinNotUsed;
            b.NfcCs = ConfigDefaults.PinNotUsed;
            b.NfcReset = ConfigDefaults.PinNotUsed;
            b.NfcSda = ConfigDefaults.PinNotUsed;
            b.NfcScl = ConfigDefaults.PinNotUsed;
            b.RtcSda = 13; // UEXT I2C
            b.RtcScl = 16;
            b.NfcRx = 15;
            b.NfcTx = 14;
            return b;
        }

        /// <summary>Every pin setting of the configuration (the keys <see cref="PinOf"/> answers), in table order (a new array each time).</summary>
        public static string[] PinKeys
        {
            get
            {
                return new string[]
                {
                    "relay.pin", "door.contact.pin", "door.rex.pin", "led.pin", "buzzer.pin", "wiegand.d0", "wiegand.d1",
                    "qr.rx", "qr.tx", "tamper.pin", "lock.monitor.pin",
                    "nfc.sck", "nfc.miso", "nfc.mosi", "nfc.cs", "nfc.rst", "nfc.sda", "nfc.scl", "nfc.rx", "nfc.tx"
                };
            }
        }

        /// <summary>The GPIO of a pin setting on this board, <see cref="ConfigDefaults.PinNotUsed"/> when the board has none, or -2 for an unknown key.</summary>
        public int PinOf(string key)
        {
            switch (key)
            {
                case "relay.pin": return Relay;
                case "door.contact.pin": return Contact;
                case "door.rex.pin": return Rex;
                case "led.pin": return Led;
                case "buzzer.pin": return Buzzer;
                case "wiegand.d0": return WiegandD0;
                case "wiegand.d1": return WiegandD1;
                case "qr.rx": return QrRx;
                case "qr.tx": return QrTx;
                case "tamper.pin": return Tamper;
                case "lock.monitor.pin": return LockMonitor;
                case "nfc.sck": return NfcSck;
                case "nfc.miso": return NfcMiso;
                case "nfc.mosi": return NfcMosi;
                case "nfc.cs": return NfcCs;
                case "nfc.rst": return NfcReset;
                case "nfc.sda": return NfcSda;
                case "nfc.scl": return NfcScl;
                case "nfc.rx": return NfcRx;
                case "nfc.tx": return NfcTx;
                default: return -2;
            }
        }

        /// <summary>
        /// Wires <paramref name="c"/> as this board with every function fitted: door, LED, buzzer, Wiegand, QR,
        /// tamper, lock monitor and the board's NFC reader on its bus.
        /// </summary>
        public void ApplyTo(ControllerConfig c)
        {
            c.RelayPin = Relay;
            c.DoorContactPin = Contact;
            c.RexPin = Rex;
            c.LedPin = Led;
            c.BuzzerPin = Buzzer;
            c.WiegandD0Pin = WiegandD0;
            c.WiegandD1Pin = WiegandD1;
            c.QrRxPin = QrRx;
            c.QrTxPin = QrTx;
            c.TamperPin = Tamper;
            c.LockMonitorPin = LockMonitor;
            c.NfcType = NfcType;
            c.NfcBusKind = NfcBusKind;
            c.NfcSckPin = NfcSck;
            c.NfcMisoPin = NfcMiso;
            c.NfcMosiPin = NfcMosi;
            c.NfcCsPin = NfcCs;
            c.NfcResetPin = NfcReset;
            c.NfcSdaPin = NfcSda;
            c.NfcSclPin = NfcScl;
            c.RtcSdaPin = RtcSda;
            c.RtcSclPin = RtcScl;
            c.NfcRxPin = NfcRx;
            c.NfcTxPin = NfcTx;
        }
    }
}

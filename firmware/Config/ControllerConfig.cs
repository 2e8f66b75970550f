namespace DoorController.Config
{
    /// <summary>
    /// The controller's whole configuration. Plain fields so a copy is one MemberwiseClone (every member is a
    /// value or an immutable string). Secrets (PSK, broker password, client key, device key) are kept as entered; the console
    /// passcode only as a salted HMAC. Empty string means "not provisioned"; <see cref="ConfigDefaults.PinNotUsed"/>
    /// means "pin not used".
    /// </summary>
    public sealed class ControllerConfig
    {
        public string DeviceId = "";
        public string WifiSsid = "";
        public string WifiPsk = "";
        public string MqttHost = "";
        public int MqttPort = ConfigDefaults.MqttPort;
        public bool MqttTls = ConfigDefaults.MqttTls;

        /// <summary>The controller's broker identity (given once at registration): username and password; empty when unset.</summary>
        public string MqttUser = "";
        public string MqttPassword = "";
        public string CaCertificatePem = "";
        public string ClientCertificatePem = "";
        public string ClientKeyPem = "";

        /// <summary>The device key for bundles and commands: 64 hex digits (32 bytes), or empty.</summary>
        public string DeviceKeyHex = "";

        // Pins without an initialiser default to the ESP32-DevKitC column of the pin table (BoardPins, set by the
        // constructor); optional functions start unused.
        public int RelayPin;
        public RelayPolarity Polarity = ConfigDefaults.Polarity;
        /// <summary>True when a high pin energises the relay module; false for "low level trigger" modules.</summary>
        public bool RelayActiveHigh = ConfigDefaults.RelayActiveHigh;
        public int DoorContactPin;
        public int RexPin;
        public int LedPin;
        public bool LedActiveHigh = ConfigDefaults.LedActiveHigh;
        public int BuzzerPin;
        public bool BuzzerActiveHigh = ConfigDefaults.BuzzerActiveHigh;
        /// <summary>Enclosure tamper switch (closed = low with pull-up); not used by default.</summary>
        public int TamperPin = ConfigDefaults.PinNotUsed;
        /// <summary>A DS3231 battery-backed clock on I2C bus 1 (address 0x68) is fitted (`rtc ds3231`; default none,
        /// docs/time.md).</summary>
        public bool HasHardwareClock;
        /// <summary>Its data and clock pins (board defaults: the board's I2C pins). With an NFC reader on I2C the two
        /// share the bus, so the same pins.</summary>
        public int RtcSdaPin = ConfigDefaults.PinNotUsed;
        public int RtcSclPin = ConfigDefaults.PinNotUsed;
        /// <summary>Lock monitor (strike latch / maglock bond sensor, low = locked); not used by default.</summary>
        public int LockMonitorPin = ConfigDefaults.PinNotUsed;

        public int WiegandD0Pin = ConfigDefaults.PinNotUsed;
        public int WiegandD1Pin = ConfigDefaults.PinNotUsed;

        public NfcReaderType NfcType;
        public NfcBus NfcBusKind;
        public int NfcSckPin;
        public int NfcMisoPin;
        public int NfcMosiPin;
        public int NfcCsPin;
        public int NfcSdaPin;
        public int NfcSclPin;
        public int NfcRxPin;
        public int NfcTxPin;
        public int NfcResetPin = ConfigDefaults.PinNotUsed;

        public int QrRxPin = ConfigDefaults.PinNotUsed;
        public int QrTxPin = ConfigDefaults.PinNotUsed;
        public bool BleEnabled = ConfigDefaults.BleEnabled;

        public int HeldOpenSeconds = ConfigDefaults.HeldOpenSeconds;
        public int OnlineDecisionTimeoutMilliseconds = ConfigDefaults.OnlineDecisionTimeoutMilliseconds;
        public int FlashMegabytes = ConfigDefaults.FlashMegabytes;

        public int DoorId = ConfigDefaults.DoorId;
        public int NfcReaderId = ConfigDefaults.NfcReaderId;
        public int WiegandReaderId = ConfigDefaults.WiegandReaderId;
        public int QrReaderId = ConfigDefaults.QrReaderId;
        public int BleReaderId = ConfigDefaults.BleReaderId;

        /// <summary>A second door on this controller, as the server numbers it (0: none, the default). Its relay follows
        /// the first door's polarity and module level; it has no LED or buzzer of its own. Which reader serves which
        /// door is the server's reader record (carried in the cache), not a device setting.</summary>
        public int Door2Id;
        public int Door2RelayPin = ConfigDefaults.PinNotUsed;
        public int Door2ContactPin = ConfigDefaults.PinNotUsed;
        public int Door2RexPin = ConfigDefaults.PinNotUsed;
        /// <summary>Interlock (mantrap): the two doors never have their locks released together (off by default;
        /// needs the second door and a contact on both).</summary>
        public bool Interlock;

        /// <summary>Salt (hex) and HMAC-SHA256(salt, passcode) (hex) of the console passcode; both empty when unset.</summary>
        public string PasscodeSaltHex = "";
        public string PasscodeHashHex = "";

        public ControllerConfig()
        {
            BoardPins pins = BoardPins.DevKitC; // read once: each use of DevKitC makes the table
            RelayPin = pins.Relay;
            DoorContactPin = pins.Contact;
            RexPin = pins.Rex;
            LedPin = pins.Led;
            BuzzerPin = pins.Buzzer;
            NfcType = pins.NfcType;
            NfcBusKind = pins.NfcBusKind;
            NfcSckPin = pins.NfcSck;
            NfcMisoPin = pins.NfcMiso;
            NfcMosiPin = pins.NfcMosi;
            NfcCsPin = pins.NfcCs;
            NfcSdaPin = pins.NfcSda;
            NfcSclPin = pins.NfcScl;
            NfcRxPin = pins.NfcRx;
            NfcTxPin = pins.NfcTx;
        }

        public ControllerConfig Clone()
        {
            return (ControllerConfig)MemberwiseClone();
        }

        public bool HasPasscode
        {
            get { return PasscodeHashHex.Length > 0; }
        }

        public bool WiegandEnabled
        {
            get { return WiegandD0Pin != ConfigDefaults.PinNotUsed || WiegandD1Pin != ConfigDefaults.PinNotUsed; }
        }

        public bool HasSecondDoor
        {
            get { return Door2Id != 0; }
        }

        public bool QrEnabled
        {
            get { return QrRxPin != ConfigDefaults.PinNotUsed; }
        }
    }
}

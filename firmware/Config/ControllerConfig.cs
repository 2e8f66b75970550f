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

        // Pins default to the ESP32-DevKitC column of the pin table (BoardPins); optional functions start unused.
        public int RelayPin = BoardPins.DevKitC.Relay;
        public RelayPolarity Polarity = ConfigDefaults.Polarity;
        /// <summary>True when a high pin energises the relay module; false for "low level trigger" modules.</summary>
        public bool RelayActiveHigh = ConfigDefaults.RelayActiveHigh;
        public int DoorContactPin = BoardPins.DevKitC.Contact;
        public int RexPin = BoardPins.DevKitC.Rex;
        public int LedPin = BoardPins.DevKitC.Led;
        public bool LedActiveHigh = ConfigDefaults.LedActiveHigh;
        public int BuzzerPin = BoardPins.DevKitC.Buzzer;
        public bool BuzzerActiveHigh = ConfigDefaults.BuzzerActiveHigh;
        /// <summary>Enclosure tamper switch (closed = low with pull-up); not used by default.</summary>
        public int TamperPin = ConfigDefaults.PinNotUsed;
        /// <summary>Lock monitor (strike latch / maglock bond sensor, low = locked); not used by default.</summary>
        public int LockMonitorPin = ConfigDefaults.PinNotUsed;

        public int WiegandD0Pin = ConfigDefaults.PinNotUsed;
        public int WiegandD1Pin = ConfigDefaults.PinNotUsed;

        public NfcReaderType NfcType = BoardPins.DevKitC.NfcType;
        public NfcBus NfcBusKind = BoardPins.DevKitC.NfcBusKind;
        public int NfcSckPin = BoardPins.DevKitC.NfcSck;
        public int NfcMisoPin = BoardPins.DevKitC.NfcMiso;
        public int NfcMosiPin = BoardPins.DevKitC.NfcMosi;
        public int NfcCsPin = BoardPins.DevKitC.NfcCs;
        public int NfcSdaPin = BoardPins.DevKitC.NfcSda;
        public int NfcSclPin = BoardPins.DevKitC.NfcScl;
        public int NfcRxPin = BoardPins.DevKitC.NfcRx;
        public int NfcTxPin = BoardPins.DevKitC.NfcTx;
        public int NfcResetPin = ConfigDefaults.PinNotUsed;

        public int QrRxPin = ConfigDefaults.PinNotUsed;
        public int QrTxPin = ConfigDefaults.PinNotUsed;
        public bool BleEnabled = ConfigDefaults.BleEnabled;

        public int HeldOpenSeconds = ConfigDefaults.HeldOpenSeconds;
        public int OnlineDecisionTimeoutMilliseconds = ConfigDefaults.OnlineDecisionTimeoutMilliseconds;

        public int DoorId = ConfigDefaults.DoorId;
        public int NfcReaderId = ConfigDefaults.NfcReaderId;
        public int WiegandReaderId = ConfigDefaults.WiegandReaderId;
        public int QrReaderId = ConfigDefaults.QrReaderId;
        public int BleReaderId = ConfigDefaults.BleReaderId;

        /// <summary>Salt (hex) and HMAC-SHA256(salt, passcode) (hex) of the console passcode; both empty when unset.</summary>
        public string PasscodeSaltHex = "";
        public string PasscodeHashHex = "";

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

        public bool QrEnabled
        {
            get { return QrRxPin != ConfigDefaults.PinNotUsed; }
        }
    }
}

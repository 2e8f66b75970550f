namespace DoorController.Config
{
    /// <summary>
    /// The controller's whole configuration. Plain fields so a copy is one MemberwiseClone (every member is a
    /// value or an immutable string). Secrets (PSK, client key, device key) are kept as entered; the console
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
        public string CaCertificatePem = "";
        public string ClientCertificatePem = "";
        public string ClientKeyPem = "";

        /// <summary>The device key for bundles and commands: 64 hex digits (32 bytes), or empty.</summary>
        public string DeviceKeyHex = "";

        public int RelayPin = ConfigDefaults.RelayPin;
        public RelayPolarity Polarity = ConfigDefaults.Polarity;
        public int DoorContactPin = ConfigDefaults.DoorContactPin;
        public int RexPin = ConfigDefaults.RexPin;
        public int LedPin = ConfigDefaults.LedPin;
        public int BuzzerPin = ConfigDefaults.BuzzerPin;

        public int WiegandD0Pin = ConfigDefaults.WiegandD0Pin;
        public int WiegandD1Pin = ConfigDefaults.WiegandD1Pin;

        public NfcReaderType NfcType = ConfigDefaults.NfcType;
        public NfcBus NfcBusKind = ConfigDefaults.NfcBusKind;
        public int NfcSckPin = ConfigDefaults.NfcSckPin;
        public int NfcMisoPin = ConfigDefaults.NfcMisoPin;
        public int NfcMosiPin = ConfigDefaults.NfcMosiPin;
        public int NfcCsPin = ConfigDefaults.NfcCsPin;
        public int NfcSdaPin = ConfigDefaults.NfcSdaPin;
        public int NfcSclPin = ConfigDefaults.NfcSclPin;
        public int NfcResetPin = ConfigDefaults.NfcResetPin;

        public int QrRxPin = ConfigDefaults.QrRxPin;
        public int QrTxPin = ConfigDefaults.QrTxPin;
        public bool BleEnabled = ConfigDefaults.BleEnabled;

        public int UnlockMilliseconds = ConfigDefaults.UnlockMilliseconds;
        public int HeldOpenSeconds = ConfigDefaults.HeldOpenSeconds;
        public int SiteUtcOffsetMinutes = ConfigDefaults.SiteUtcOffsetMinutes;
        public int OnlineDecisionTimeoutMilliseconds = ConfigDefaults.OnlineDecisionTimeoutMilliseconds;
        public int MaxOfflineDays = ConfigDefaults.MaxOfflineDays;
        public int FlashMegabytes = ConfigDefaults.FlashMegabytes;

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

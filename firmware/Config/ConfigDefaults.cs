namespace DoorController.Config
{
    /// <summary>
    /// Every default and limit of the controller configuration, in one place. Pin defaults follow a common
    /// ESP32-DevKitC wiring (VSPI for the NFC front-end, UART2 pins for a QR module); <see cref="PinNotUsed"/>
    /// marks an unused function.
    /// </summary>
    public static class ConfigDefaults
    {
        public const int PinNotUsed = -1;

        public const int MqttPort = 8883;
        public const bool MqttTls = true;

        public const int RelayPin = 26;
        public const RelayPolarity Polarity = RelayPolarity.FailSecure;
        public const int DoorContactPin = 27;
        public const int RexPin = 14;
        public const int LedPin = 2;
        public const int BuzzerPin = 4;

        public const int WiegandD0Pin = PinNotUsed;
        public const int WiegandD1Pin = PinNotUsed;

        public const NfcReaderType NfcType = NfcReaderType.Pn532;
        public const NfcBus NfcBusKind = NfcBus.Spi;
        public const int NfcSckPin = 18;
        public const int NfcMisoPin = 19;
        public const int NfcMosiPin = 23;
        public const int NfcCsPin = 5;
        public const int NfcSdaPin = PinNotUsed;
        public const int NfcSclPin = PinNotUsed;
        public const int NfcResetPin = PinNotUsed;

        public const int QrRxPin = PinNotUsed;
        public const int QrTxPin = PinNotUsed;
        public const bool BleEnabled = false;

        public const int UnlockMilliseconds = 5000;
        public const int HeldOpenSeconds = 30;
        /// <summary>Japan (UTC+9, no daylight saving), where the product is first deployed.</summary>
        public const int SiteUtcOffsetMinutes = 540;
        public const int OnlineDecisionTimeoutMilliseconds = 400;
        public const int MaxOfflineDays = 7;
        /// <summary>The board's flash size in MB: sets the journal and the largest cache (Contract.BoardFlash, docs/hardware.md).</summary>
        public const int FlashMegabytes = 4;

        // Numbers the server gave this controller's door and readers (its device registration).
        public const int DoorId = 1;
        public const int NfcReaderId = 1;
        public const int WiegandReaderId = 2;
        public const int QrReaderId = 3;
        public const int BleReaderId = 4;
        public const int MaxServerId = 1000000;

        // Limits used by ConfigValidator.
        public const int MinUnlockMilliseconds = 200;
        public const int MaxUnlockMilliseconds = 60000;
        public const int MinHeldOpenSeconds = 1;
        public const int MaxHeldOpenSeconds = 3600;
        public const int MinUtcOffsetMinutes = -720;
        public const int MaxUtcOffsetMinutes = 840;
        public const int MinOnlineTimeoutMilliseconds = 100;
        public const int MaxOnlineTimeoutMilliseconds = 30000;
        public const int MaxOfflineDaysLimit = 365;
        public const int DeviceKeyBytes = 32;
        public const int MaxDeviceIdLength = 32;
        public const int MaxSsidLength = 32;
        public const int MinPskLength = 8;
        public const int MaxPskLength = 63;
        public const int MaxHostLength = 253;
        public const int MaxPemLength = 4096;
        public const int MinPasscodeLength = 6;
        public const int MaxPasscodeLength = 32;
    }
}

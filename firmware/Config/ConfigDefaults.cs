namespace DoorController.Config
{
    /// <summary>
    /// Every default and limit of the controller configuration, in one place. Pin defaults are the ESP32-DevKitC
    /// column of <see cref="BoardPins"/>; <see cref="PinNotUsed"/> marks an unused function. The unlock time, the
    /// offline lifetime and the site's time zone are not here: the server sets them (per door, per site) and sends
    /// them with the signed cache.
    /// </summary>
    public static class ConfigDefaults
    {
        public const int PinNotUsed = -1;

        public const int MqttPort = 8883;
        public const bool MqttTls = true;

        // Pin defaults: BoardPins.DevKitC (the pin table).
        public const RelayPolarity Polarity = RelayPolarity.FailSecure;
        /// <summary>Relay modules with a transistor driver energise on high; "low level trigger" modules need false.</summary>
        public const bool RelayActiveHigh = true;
        /// <summary>LED and buzzer through an N-MOSFET to the reader's active-low wire (docs/wiring.md): high = on.</summary>
        public const bool LedActiveHigh = true;
        public const bool BuzzerActiveHigh = true;

        public const bool BleEnabled = false;

        public const int HeldOpenSeconds = 30;
        public const int OnlineDecisionTimeoutMilliseconds = 400;
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
        public const int MinHeldOpenSeconds = 1;
        public const int MaxHeldOpenSeconds = 3600;
        public const int MinOnlineTimeoutMilliseconds = 100;
        public const int MaxOnlineTimeoutMilliseconds = 30000;
        public const int DeviceKeyBytes = 32;
        public const int MaxDeviceIdLength = 32;
        public const int MaxSsidLength = 32;
        public const int MinPskLength = 8;
        public const int MaxPskLength = 63;
        public const int MaxHostLength = 253;
        public const int MaxMqttUserLength = 64;
        public const int MaxMqttPasswordLength = 128;
        public const int MaxPemLength = 4096;
        public const int MinPasscodeLength = 6;
        public const int MaxPasscodeLength = 32;
    }
}

namespace DoorController.PlainImage
{
    /// <summary>
    /// Entry point for a plain ESP32 firmware image (no Bluetooth): NFC, Wiegand, QR and keypad doors. A BLE reader
    /// in the configuration is left out at boot (docs/provisioning.md).
    /// </summary>
    public static class Program
    {
        public static void Main()
        {
            Esp32.Esp32Boot.Run(null);
        }
    }
}

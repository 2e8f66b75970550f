using DoorController.Esp32.Ble;

namespace DoorController.BleImage
{
    /// <summary>Entry point for a BLE-enabled ESP32 firmware image: every reader, BLE phones included (docs/provisioning.md).</summary>
    public static class Program
    {
        public static void Main()
        {
            Esp32.Esp32Boot.Run(new BleReaderFactory());
        }
    }
}

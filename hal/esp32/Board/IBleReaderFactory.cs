using DoorController.Hal;

namespace DoorController.Esp32.Board
{
    /// <summary>
    /// Opens the BLE phone reader. Implemented by the optional DoorController.Esp32.Ble assembly, which only a
    /// BLE-enabled firmware image can load; the plain image boots without one and runs NFC, Wiegand and QR doors.
    /// </summary>
    public interface IBleReaderFactory
    {
        ICredentialReader Open(int readerId, ushort companyId);
    }
}

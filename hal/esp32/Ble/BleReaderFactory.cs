using DoorController.Esp32.Board;
using DoorController.Hal;

namespace DoorController.Esp32.Ble
{
    /// <summary>The BLE image's reader factory: passive scans for signed phone tokens (<see cref="BleTokenScanner"/>).</summary>
    public sealed class BleReaderFactory : IBleReaderFactory
    {
        public ICredentialReader Open(int readerId, ushort companyId)
        {
            return new BleTokenScanner(readerId, companyId);
        }
    }
}

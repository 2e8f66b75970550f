using System.Device.I2c;
using DoorController.Hal;
using nanoFramework.Hardware.Esp32;

namespace DoorController.Esp32.Board
{
    /// <summary>
    /// A device on ESP32 I2C bus 1 (System.Device.I2c; bus ids start at 1), its pins routed first. Standard mode
    /// (100 kHz): the DS3231 shares the bus with a PN532 on I2C, which runs at that speed, and the speed of the device
    /// opened last applies to the whole bus. NACK and timeouts come back as a status, which becomes false here.
    /// </summary>
    public sealed class Esp32I2cDevice : II2cDevice
    {
        private const int BusId = 1;
        private readonly I2cDevice _device;

        private Esp32I2cDevice(I2cDevice device)
        {
            _device = device;
        }

        /// <summary>Routes <paramref name="sdaPin"/>/<paramref name="sclPin"/> to bus 1 and opens <paramref name="address"/>.</summary>
        public static Esp32I2cDevice Open(int sdaPin, int sclPin, int address)
        {
            Configuration.SetPinFunction(sdaPin, DeviceFunction.I2C1_DATA);
            Configuration.SetPinFunction(sclPin, DeviceFunction.I2C1_CLOCK);
            return new Esp32I2cDevice(I2cDevice.Create(new I2cConnectionSettings(BusId, address, I2cBusSpeed.StandardMode)));
        }

        public bool WriteRead(byte[] write, byte[] read)
        {
            return _device.WriteRead(write, read).Status == I2cTransferStatus.FullTransfer;
        }

        public bool Write(byte[] data)
        {
            return _device.Write(data).Status == I2cTransferStatus.FullTransfer;
        }
    }
}

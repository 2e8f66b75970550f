namespace DoorController.Hal
{
    /// <summary>
    /// One device on an I2C bus (address fixed when opened): System.Device.I2c on the ESP32, a simulated chip on the
    /// host. Transfer failures (no acknowledge, timeout) are a false return, never an exception.
    /// </summary>
    public interface II2cDevice
    {
        /// <summary>Writes <paramref name="write"/> then reads <paramref name="read"/> in one transaction.</summary>
        bool WriteRead(byte[] write, byte[] read);

        bool Write(byte[] data);
    }
}

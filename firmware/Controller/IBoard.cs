using DoorController.Config;
using DoorController.Hal;

namespace DoorController.Controller
{
    /// <summary>
    /// The hardware of one controller board, opened from the configuration: ESP32 GPIO, UART and radio bindings
    /// on the device (hal/esp32), simulations on the host (hal/host). Returns null for a pin that is not used.
    /// </summary>
    public interface IBoard
    {
        /// <summary>
        /// Opens an output already driving <paramref name="initialLevel"/>, so the pin never shows another level
        /// first (an active-low relay module would otherwise be energised while the pin is opened).
        /// </summary>
        IDigitalOutput OpenOutput(int pin, bool initialLevel);

        IDigitalInput OpenInput(int pin);

        /// <summary>The credential readers the configuration names (NFC, Wiegand, QR, BLE); may be empty.</summary>
        ICredentialReader[] OpenReaders(ControllerConfig config);

        /// <summary>The MQTT client for the configured broker; null when the platform has no network stack.</summary>
        IMqttTransport OpenMqtt(ControllerConfig config);
        /// <summary>The device at <paramref name="address"/> on I2C bus 1 with these pins (the DS3231 clock); null when
        /// the bus cannot be opened.</summary>
        II2cDevice OpenI2c(int sdaPin, int sclPin, int address);
    }
}

using System;
using System.Collections;
using System.Device.Gpio;
using DoorController.Config;
using DoorController.Controller;
using DoorController.Esp32.Gpio;
using DoorController.Hal.Esp32;
using DoorController.Esp32.Readers;
using DoorController.Hal;
using DoorController.Readers;
using nanoFramework.Hardware.Esp32;
using DoorController.Contract;

namespace DoorController.Esp32.Board
{
    /// <summary>
    /// The ESP32 board as the firmware sees it (docs/wiring.md): GPIO through System.Device.Gpio, the readers the
    /// configuration names — a PN532 (SPI, I2C or HSU) or MFRC522 (SPI) built from the configuration's
    /// <see cref="NfcPlan"/>, Wiegand on two GPIO inputs, a QR scanner on COM2, BLE tokens (only on a BLE image,
    /// through <see cref="IBleReaderFactory"/>) — and MQTT over M2Mqtt. A reader whose chip does not answer reports
    /// itself absent at start; the boot report says how many started.
    /// </summary>
    public sealed class Esp32Board : IBoard
    {
        private const ushort MqttKeepAliveSeconds = 30;
        private const int QrBaudRate = 9600;

        private readonly GpioController _gpio = new GpioController();
        private readonly IClock _clock;
        private readonly IBleReaderFactory _ble;

        /// <param name="ble">Null on a firmware image without Bluetooth.</param>
        public Esp32Board(IClock clock, IBleReaderFactory ble)
        {
            _clock = clock;
            _ble = ble;
        }

        public IDigitalOutput OpenOutput(int pin, bool initialLevel)
        {
            return pin == ConfigDefaults.PinNotUsed ? null : new GpioOutputPin(_gpio, pin, initialLevel);
        }

        public IDigitalInput OpenInput(int pin)
        {
            // GPIO 34-39 have no internal pull-ups: those inputs need external resistors (docs/wiring.md).
            return pin == ConfigDefaults.PinNotUsed ? null : new GpioInputPin(_gpio, pin, pin >= 34 ? PinMode.Input : PinMode.InputPullUp);
        }

        public ICredentialReader[] OpenReaders(ControllerConfig config)
        {
            ArrayList readers = new ArrayList();
            NfcPlan nfc = NfcPlan.From(config);
            if (nfc != null)
            {
                readers.Add(NfcReaderFactory.Open(nfc, config.NfcReaderId, _gpio));
            }
            if (config.WiegandEnabled)
            {
                readers.Add(new WiegandReader(config.WiegandReaderId, OpenInput(config.WiegandD0Pin), OpenInput(config.WiegandD1Pin),
                    new WiegandSettings(), _clock));
            }
            if (config.QrEnabled)
            {
                readers.Add(new UartQrScanner(config.QrReaderId, "COM2", QrBaudRate, config.QrRxPin, config.QrTxPin,
                    DeviceFunction.COM2_RX, DeviceFunction.COM2_TX));
            }
            if (config.BleEnabled && _ble != null)
            {
                readers.Add(_ble.Open(config.BleReaderId, BleToken.DefaultCompanyId));
            }
            ICredentialReader[] result = new ICredentialReader[readers.Count];
            for (int i = 0; i < result.Length; i++)
            {
                result[i] = (ICredentialReader)readers[i];
            }
            return result;
        }

        public II2cDevice OpenI2c(int sdaPin, int sclPin, int address)
        {
            try
            {
                return Esp32I2cDevice.Open(sdaPin, sclPin, address);
            }
            catch (Exception)
            {
                return null; // a pin reserved by another driver: no hardware clock (status says not-answering)
            }
        }

        public IMqttTransport OpenMqtt(ControllerConfig config)
        {
            if (config.MqttHost.Length == 0)
            {
                return null;
            }
            // ControllerApp has refused TLS without a CA before this is called; the transport checks again.
            return new M2MqttTransport(config.MqttHost, config.MqttPort, config.MqttTls,
                config.MqttTls ? PemBytes.Terminated(config.CaCertificatePem) : null,
                config.MqttTls ? PemBytes.Terminated(config.ClientCertificatePem) : null,
                config.MqttTls ? PemBytes.Terminated(config.ClientKeyPem) : null,
                config.MqttUser.Length == 0 ? null : config.MqttUser,
                config.MqttUser.Length == 0 ? null : config.MqttPassword,
                MqttKeepAliveSeconds);
        }
    }
}

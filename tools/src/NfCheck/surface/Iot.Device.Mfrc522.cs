// nanoFramework.Iot.Device.Mfrc522 (main @ 2026-01-08, version 1.2) - section 20 of nanoframework-api.md
// (namespace Iot.Device.Mfrc522; depends on nanoFramework.Iot.Device.Card 1.2.937).
// Constructors as the data file lists them (SPI, I2C, serial port name, SerialPort).

namespace Iot.Device.Mfrc522
{
    using System;
    using System.Device.Gpio;
    using System.Device.I2c;
    using System.Device.Spi;
    using System.IO.Ports;
    using Iot.Device.Card;
    using Iot.Device.Card.Mifare;
    using Iot.Device.Rfid;

    public class MfRc522 : CardTransceiver, IDisposable
    {
        public const int MaximumSpiClockFrequency = 10_000_000;
        public const SpiMode DefaultSpiMode = SpiMode.Mode0;
        public extern MfRc522(SpiDevice spiDevice, int pinReset = -1, GpioController gpioController = null, bool shouldDispose = true);
        public extern MfRc522(I2cDevice i2cDevice, int pinReset = -1, GpioController gpioController = null, bool shouldDispose = true);
        public extern MfRc522(string serialPort, int pinReset = -1, GpioController gpioController = null, bool shouldDispose = true);
        public extern MfRc522(SerialPort serialPort, int pinReset = -1, GpioController gpioController = null, bool shouldDispose = true);
        public extern Version Version { get; }
        public extern bool Enabled { get; set; }
        public extern void SoftReset();
        public extern bool ListenToCardIso14443TypeA(out Data106kbpsTypeA card, TimeSpan timeout);
        public extern bool IsCardPresent(byte[] atqa);
        public extern bool Halt();
        public extern Status MifareAuthenticate(SpanByte key, MifareCardCommand mifareCommand, byte blockAddress, SpanByte cardUid);
        public override extern int Transceive(byte targetNumber, SpanByte dataToSend, SpanByte dataFromCard);
        public override extern bool ReselectTarget(byte targetNumber);
        public extern void Dispose();
    }

    public enum Status
    {
        Ok,
        Collision,
        Error,
        Timeout,
    }
}

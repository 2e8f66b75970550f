// nanoFramework.Iot.Device.Pn532 (main @ 2026-01-08, version 1.2) - section 20 of nanoframework-api.md
// (namespace Iot.Device.Pn532; MaxTarget/TargetBaudRate/PollingType live in Iot.Device.Pn532.ListPassive as in the
// binding source). The package also ships a copy of Iot.Device.Card.dll; projects reference the Card package's.

namespace Iot.Device.Pn532
{
    using System;
    using System.Device.Gpio;
    using System.Device.I2c;
    using System.Device.Spi;
    using Iot.Device.Card;
    using Iot.Device.Pn532.ListPassive;
    using Iot.Device.Rfid;

    public class Pn532 : CardTransceiver, IDisposable
    {
        public extern int ReadTimeOut { get; set; }
        public extern FirmwareVersion FirmwareVersion { get; }
        public extern Pn532(string portName);
        public extern Pn532(SpiDevice spiDevice, int pinChipSelect, GpioController controller = null, bool shouldDispose = false);
        public extern Pn532(I2cDevice i2cDevice);
        public extern byte[] ListPassiveTarget(MaxTarget maxTarget, TargetBaudRate targetBaudRate);
        public extern byte[] ListPassiveTarget(MaxTarget maxTarget, TargetBaudRate targetBaudRate, SpanByte initiatorData);
        public extern Data106kbpsTypeA TryDecode106kbpsTypeA(SpanByte toDecode);
        public extern bool ReleaseTarget(byte targetNumber);
        public override extern int Transceive(byte targetNumber, SpanByte dataToSend, SpanByte dataFromCard);
        public override extern bool ReselectTarget(byte targetNumber);
        public extern byte[] AutoPoll(byte numberPolling, ushort periodMilliSecond, PollingType[] pollingType);
        public extern void Dispose();
    }

    // Named by Pn532.FirmwareVersion; members not listed in the data file.
    public class FirmwareVersion
    {
        private extern FirmwareVersion();
    }
}

namespace Iot.Device.Pn532.ListPassive
{
    public enum MaxTarget
    {
        One = 0x01,
        Two = 0x02,
    }

    public enum TargetBaudRate
    {
        B106kbpsTypeA = 0x00,
        B212kbps,
        B424kbps,
        B106kbpsTypeB,
        B106kbpsInnovisionJewelTag,
    }

    // Named by Pn532.AutoPoll; values not listed in the data file.
    public enum PollingType
    {
    }
}

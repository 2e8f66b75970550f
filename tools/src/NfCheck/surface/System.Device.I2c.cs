// nanoFramework.System.Device.I2c 1.1.29 - section 7a of nanoframework-api.md (namespace System.Device.I2c).
// Iot.Device.Pn532 and Iot.Device.Mfrc522 take an I2cDevice in a constructor overload, so code that calls any of
// their constructors needs this assembly to resolve the overloads.

namespace System.Device.I2c
{
    using System;

    public class I2cDevice : IDisposable
    {
        public extern I2cDevice(I2cConnectionSettings settings);
        public static extern I2cDevice Create(I2cConnectionSettings settings);
        public extern I2cConnectionSettings ConnectionSettings { get; }
        public extern byte ReadByte();
        public extern I2cTransferResult Read(SpanByte buffer);
        public extern I2cTransferResult WriteByte(byte value);
        public extern I2cTransferResult Write(SpanByte buffer);
        public extern I2cTransferResult WriteRead(SpanByte writeBuffer, SpanByte readBuffer);
        public extern void Dispose();
    }

    public sealed class I2cConnectionSettings
    {
        public extern I2cConnectionSettings(int busId, int deviceAddress);
        public extern I2cConnectionSettings(int busId, int deviceAddress, I2cBusSpeed busSpeed);
        public extern int BusId { get; }
        public extern int DeviceAddress { get; }
        public extern I2cBusSpeed BusSpeed { get; }
    }

    public struct I2cTransferResult
    {
        public extern uint BytesTransferred { get; }
        public extern I2cTransferStatus Status { get; }
    }

    public enum I2cTransferStatus
    {
        UnknownError,
        FullTransfer,
        ClockStretchTimeout,
        PartialTransfer,
        SlaveAddressNotAcknowledged,
    }

    public enum I2cBusSpeed
    {
        StandardMode,
        FastMode,
        FastModePlus,
    }
}

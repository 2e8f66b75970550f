// nanoFramework.System.Device.Spi 1.3.89 - section 7b of nanoframework-api.md (namespace System.Device.Spi; public
// API identical to 1.3.82, the version the IoT bindings reference). Iot.Device.Pn532 and Iot.Device.Mfrc522 take an
// SpiDevice in a constructor overload.

namespace System.Device.Spi
{
    using System;
    using System.Device.Gpio;

    public class SpiDevice : IDisposable
    {
        public extern SpiDevice(SpiConnectionSettings settings);
        public static extern SpiDevice Create(SpiConnectionSettings settings);
        public static extern SpiBusInfo GetBusInfo(int busId);
        public extern SpiConnectionSettings ConnectionSettings { get; }
        public extern byte ReadByte();
        public extern void Read(SpanByte buffer);
        public extern void Read(ushort[] buffer);
        public extern void WriteByte(byte value);
        public extern void Write(SpanByte buffer);
        public extern void Write(ushort[] buffer);
        public extern void TransferFullDuplex(SpanByte writeBuffer, SpanByte readBuffer);
        public extern void TransferFullDuplex(ushort[] writeBuffer, ushort[] readBuffer);
        public extern void Dispose();
    }

    public sealed class SpiConnectionSettings
    {
        public extern SpiConnectionSettings(int busId, int chipSelectLine = -1);
        public extern int BusId { get; set; }
        public extern int ChipSelectLine { get; set; }
        public extern SpiMode Mode { get; set; }
        public extern int DataBitLength { get; set; }
        public extern int ClockFrequency { get; set; }
        public extern DataFlow DataFlow { get; set; }
        public extern PinValue ChipSelectLineActiveState { get; set; }
        public extern SpiBusConfiguration Configuration { get; set; }
    }

    public sealed class SpiBusInfo
    {
        private extern SpiBusInfo();
        public extern int MaxClockFrequency { get; }
        public extern int MinClockFrequency { get; }
    }

    public enum SpiMode
    {
        Mode0,
        Mode1,
        Mode2,
        Mode3,
    }

    public enum DataFlow
    {
        MsbFirst,
        LsbFirst,
    }

    public enum SpiBusConfiguration
    {
        FullDuplex,
        HalfDuplex,
        Simplex,
    }

    public enum SpiSharingMode
    {
        Exclusive,
        Shared,
    }

    public class SpiDeviceAlreadyInUseException : Exception
    {
        public extern SpiDeviceAlreadyInUseException();
    }
}

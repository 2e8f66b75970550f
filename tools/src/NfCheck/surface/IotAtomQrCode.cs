// nanoFramework.Iot.Device.AtomQrCode (main @ 2026-01-08, version 1.1) - section 20 of nanoframework-api.md
// (M5Stack ATOM QR reader over UART; namespace Iot.Device.AtomQrCode).

namespace Iot.Device.AtomQrCode
{
    using System;

    public class QrCodeReader : IDisposable
    {
        public extern TriggerMode TriggerMode { get; set; }
        public extern Terminator Terminator { set; }
        public extern QrCodeReader(string portName);
        public extern void StartScanning();
        public extern void StopScanning();
        public extern bool TryReadBarcode(ScanTimeout timeout, out string data);
        public extern bool TryReadBarcode(out string data);
        public extern event BarcodeDataAvailableEventHandler BarcodeDataAvailable;
        public extern void Dispose();
    }

    public delegate void BarcodeDataAvailableEventHandler(object sender, BarcodeDataAvailableEventArgs e);

    public class BarcodeDataAvailableEventArgs : EventArgs
    {
        // No constructor is listed in the data file: this keeps C# from inventing a public one.
        private extern BarcodeDataAvailableEventArgs();
        public extern string BarcodeData { get; }
    }

    public enum TriggerMode
    {
        None = 0,
        Host,
        KeyHold,
        KeyPress,
        Continuous,
        Autosensing,
    }

    // Named by QrCodeReader.Terminator / TryReadBarcode; values not listed in the data file.
    public enum Terminator
    {
    }

    public enum ScanTimeout
    {
    }
}

using System;
using System.IO.Ports;
using DoorController.Hal;
using DoorController.Readers;
using nanoFramework.Hardware.Esp32;

namespace DoorController.Esp32.Readers
{
    /// <summary>
    /// A QR / barcode scanner module in UART mode (e.g. GM65, GM805, M5Stack ATOM QR in serial output mode) that
    /// sends each scan as one CR/LF-terminated line. Bytes are read on the serial event thread, cut into lines and
    /// handed to the sink; the token is verified in firmware/Readers.
    /// </summary>
    public sealed class UartQrScanner : ICredentialReader
    {
        /// <summary>Longer lines cannot be our token (see QrToken.MaximumLength) and are dropped whole.</summary>
        public const int MaximumLineLength = 128;

        private readonly int _readerId;
        private readonly string _portName;
        private readonly int _baudRate;
        private readonly SerialLineAssembler _lines = new SerialLineAssembler(MaximumLineLength);
        private readonly byte[] _chunk = new byte[64];
        private SerialPort _port;
        private ICredentialSink _sink;

        /// <summary>
        /// Maps the pins to the UART first; <paramref name="portName"/> must match the functions (COM2 for COM2_RX/TX).
        /// A negative <paramref name="txPin"/> leaves TX unmapped (the scanner only talks, it is configured by its own codes).
        /// </summary>
        public UartQrScanner(int readerId, string portName, int baudRate, int rxPin, int txPin, DeviceFunction rxFunction, DeviceFunction txFunction)
        {
            _readerId = readerId;
            _portName = portName;
            _baudRate = baudRate;
            Configuration.SetPinFunction(rxPin, rxFunction);
            if (txPin >= 0)
            {
                Configuration.SetPinFunction(txPin, txFunction);
            }
        }

        public bool Start(ICredentialSink sink)
        {
            try
            {
                _sink = sink;
                _port = new SerialPort(_portName, _baudRate);
                _port.DataReceived += OnDataReceived;
                _port.Open();
                return true;
            }
            catch (Exception)
            {
                _sink = null;
                return false;
            }
        }

        public void Poll()
        {
            // Event driven.
        }

        public void Stop()
        {
            _sink = null;
            SerialPort port = _port;
            _port = null;
            if (port != null)
            {
                port.DataReceived -= OnDataReceived;
                port.Close();
            }
        }

        private void OnDataReceived(object sender, SerialDataReceivedEventArgs e)
        {
            SerialPort port = _port;
            ICredentialSink sink = _sink;
            if (port == null || sink == null)
            {
                return;
            }
            try
            {
                while (port.BytesToRead > 0)
                {
                    int count = port.Read(_chunk, 0, _chunk.Length);
                    if (count <= 0)
                    {
                        break;
                    }
                    for (int i = 0; i < count; i++)
                    {
                        if (_lines.Append(_chunk[i]))
                        {
                            sink.OnText(_readerId, _lines.TakeLine());
                        }
                    }
                }
            }
            catch (Exception)
            {
                // A UART error loses at most the line being read; the next scan starts clean.
            }
        }
    }
}

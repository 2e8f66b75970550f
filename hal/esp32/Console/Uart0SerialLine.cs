using System;
using System.IO.Ports;
using System.Threading;

namespace DoorController.Hal.Esp32
{
    /// <summary>
    /// The technician console on the ESP32's UART0 (COM1: GPIO1 TX, GPIO3 RX, the USB-serial bridge of most
    /// boards) at 115200 8N1. UART0 is also where nanoFramework's debugger (wire protocol) and the ROM boot
    /// messages live; the host tool skips their non-text bytes. Pass "COM2" (after mapping its pins with
    /// Configuration.SetPinFunction) to move the console off UART0.
    /// </summary>
    public sealed class Uart0SerialLine : ISerialLine, IDisposable
    {
        public const string DefaultPortName = "COM1";
        public const int BaudRate = 115200;

        /// <summary>How long a quiet read waits; paces the console's idle checks.</summary>
        public const int PollMilliseconds = 100;

        private const int WriteTimeoutMilliseconds = 1000;
        private readonly SerialPort _port;

        public Uart0SerialLine() : this(DefaultPortName)
        {
        }

        public Uart0SerialLine(string portName)
        {
            _port = new SerialPort(portName, BaudRate, Parity.None, 8, StopBits.One);
            _port.Handshake = Handshake.None;
            _port.ReadTimeout = PollMilliseconds;
            _port.WriteTimeout = WriteTimeoutMilliseconds;
            _port.Open();
        }

        public int Read(byte[] buffer, int offset, int count)
        {
            if (!_port.IsOpen)
            {
                return -1;
            }
            int available = _port.BytesToRead;
            if (available <= 0)
            {
                Thread.Sleep(PollMilliseconds);
                return 0;
            }
            if (available > count)
            {
                available = count;
            }
            try
            {
                return _port.Read(buffer, offset, available);
            }
            catch (TimeoutException)
            {
                return 0;
            }
        }

        public void Write(byte[] buffer, int offset, int count)
        {
            try
            {
                _port.Write(buffer, offset, count);
            }
            catch (TimeoutException)
            {
                // Nobody draining the line (flow stalled): console output is best effort, the door is not.
            }
        }

        public void Dispose()
        {
            _port.Close();
            _port.Dispose();
        }
    }
}

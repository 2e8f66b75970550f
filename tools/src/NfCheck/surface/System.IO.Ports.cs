// nanoFramework.System.IO.Ports 1.1.139 - section 8 of nanoframework-api.md (namespace System.IO.Ports).
// ESP32: map RX/TX pins first with nanoFramework.Hardware.Esp32.Configuration.SetPinFunction.

namespace System.IO.Ports
{
    public sealed class SerialPort : IDisposable
    {
        public extern SerialPort(string portName, int baudRate = 9600, Parity parity = Parity.None, int dataBits = 8, StopBits stopBits = StopBits.One);
        public extern void Open();
        public extern void Close();
        public static extern string[] GetPortNames();
        public extern int BaudRate { get; set; }
        public extern Handshake Handshake { get; set; }
        public extern int DataBits { get; set; }
        public extern Parity Parity { get; set; }
        public extern SerialMode Mode { get; set; }
        public extern StopBits StopBits { get; set; }
        public extern string PortName { get; }
        public extern char WatchChar { get; set; }
        public extern bool IsOpen { get; }
        public extern string NewLine { get; set; }
        public extern int ReadTimeout { get; set; }
        public extern int WriteTimeout { get; set; }
        public extern int ReceivedBytesThreshold { get; set; }
        public extern Stream BaseStream { get; }
        public extern int BytesToRead { get; }
        public extern bool InvertSignalLevels { get; set; }
        public extern int ReadBufferSize { get; set; }
        public extern int WriteBufferSize { get; set; }
        public extern event SerialDataReceivedEventHandler DataReceived;
        public extern int Read(byte[] buffer, int offset, int count);
        public extern int ReadByte();
        public extern string ReadExisting();
        public extern string ReadLine();
        public extern void Write(byte[] buffer, int offset, int count);
        public extern void Write(string text);
        public extern void WriteByte(byte value);
        public extern void WriteLine(string text);
        public extern void Dispose();
    }

    public delegate void SerialDataReceivedEventHandler(object sender, SerialDataReceivedEventArgs e);

    public class SerialDataReceivedEventArgs : EventArgs
    {
        // No constructor is listed in the data file: this keeps C# from inventing a public one.
        private extern SerialDataReceivedEventArgs();
        public extern SerialData EventType { get; }
    }

    public enum SerialData
    {
        Chars = 1,
        WatchChar = 2,
    }

    public enum Parity
    {
        None = 0,
        Odd = 1,
        Even = 2,
    }

    public enum StopBits
    {
        One = 1,
        Two = 2,
        OnePointFive = 3,
    }

    public enum Handshake
    {
        None,
        XOnXOff,
        RequestToSend,
        RequestToSendXOnXOff,
    }

    public enum SerialMode
    {
        Normal,
        RS485,
    }
}

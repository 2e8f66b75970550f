namespace DoorController.Hal
{
    /// <summary>
    /// A byte line to a terminal: UART0 on the ESP32 (115200 8N1), a PTY or stdin/stdout on the host.
    /// <see cref="Read"/> waits a short, implementation-defined time (about 100 ms) so the caller can run
    /// timeouts between reads; it returns 0 when nothing arrived and never throws for a quiet line.
    /// </summary>
    public interface ISerialLine
    {
        /// <summary>Reads up to <paramref name="count"/> bytes; 0 when none arrived in time, -1 when the line is gone.</summary>
        int Read(byte[] buffer, int offset, int count);

        void Write(byte[] buffer, int offset, int count);
    }
}

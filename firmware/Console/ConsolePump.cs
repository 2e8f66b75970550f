using DoorController.Hal;

namespace DoorController.Provisioning
{
    /// <summary>
    /// Moves bytes from the serial line into the session, on the console's own thread (device) or the host
    /// server's. One read per <see cref="Step"/>; the line's read timeout paces the idle checks.
    /// </summary>
    public sealed class ConsolePump
    {
        private readonly ISerialLine _line;
        private readonly ConsoleSession _session;
        private readonly byte[] _buffer = new byte[128];
        private bool _stopRequested;

        public ConsolePump(ISerialLine line, ConsoleSession session)
        {
            _line = line;
            _session = session;
        }

        /// <summary>Reads once and feeds the session; false when the line is gone.</summary>
        public bool Step()
        {
            int read = _line.Read(_buffer, 0, _buffer.Length);
            if (read < 0)
            {
                return false;
            }
            if (read > 0)
            {
                _session.Receive(_buffer, 0, read);
            }
            else
            {
                _session.Poll();
            }
            return true;
        }

        /// <summary>Greets, then pumps until <see cref="Stop"/> is called or the line goes away.</summary>
        public void Run()
        {
            _session.Start();
            while (!_stopRequested && Step())
            {
            }
        }

        public void Stop()
        {
            _stopRequested = true;
        }
    }
}

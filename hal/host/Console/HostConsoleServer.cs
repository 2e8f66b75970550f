using System;
using System.Threading;
using DoorController.Config;
using DoorController.Provisioning;

namespace DoorController.Hal.Host
{
    /// <summary>
    /// Runs a controller's technician console on the host: loads the configuration from a file store the way the
    /// device boots, serves the console on a serial line (a PTY, a USB-serial adapter or stdio) on its own
    /// thread, and on `reboot` boots again from what was saved. Used by the PTY integration tests and tools/vdev.
    /// </summary>
    public sealed class HostConsoleServer : IDisposable
    {
        private readonly ISerialLine _line;
        private readonly IFileStore _files;
        private readonly IClock _clock;
        private readonly HostConsoleDeviceControl _device = new HostConsoleDeviceControl();
        private readonly object _gate = new object();
        private Thread _thread;
        private volatile bool _stop;
        private ConsoleConfigEditor _editor;
        private int _boots;

        public HostConsoleServer(ISerialLine line, IFileStore files, IClock clock = null, ConsoleServices services = null)
        {
            _line = line;
            _files = files;
            _clock = clock ?? new HostConsoleClock();
            Services = services ?? new ConsoleServices();
            Services.Device = _device;
            if (Services.FirmwareVersion == "unknown")
            {
                Services.FirmwareVersion = "host";
            }
        }

        /// <summary>A server on a tty device path (e.g. one end of a socat pair) keeping its flash in a directory.</summary>
        public static HostConsoleServer OnDevice(string devicePath, string dataDirectory)
        {
            return new HostConsoleServer(new PtySerialLine(devicePath), new DirectoryFileStore(dataDirectory));
        }

        public ConsoleServices Services { get; }

        public HostConsoleDeviceControl Device => _device;

        /// <summary>How many times the console has booted (1 after start, +1 per reboot).</summary>
        public int Boots => Volatile.Read(ref _boots);

        /// <summary>The configuration in force in the current boot's console (saved changes included).</summary>
        public ControllerConfig CurrentConfig
        {
            get
            {
                lock (_gate)
                {
                    return _editor?.Current.Clone();
                }
            }
        }

        /// <summary>The load fault of the current boot, or null when the configuration came from flash.</summary>
        public string BootFault { get; private set; }

        public void Start()
        {
            if (_thread != null)
            {
                throw new InvalidOperationException("already started");
            }
            _thread = new Thread(Serve) { IsBackground = true, Name = "host-console" };
            _thread.Start();
        }

        private void Serve()
        {
            while (!_stop)
            {
                ConsoleSession session = Boot();
                var pump = new ConsolePump(_line, session);
                session.Start();
                while (!_stop && !_device.RebootRequested)
                {
                    if (!pump.Step())
                    {
                        return;
                    }
                }
            }
        }

        private ConsoleSession Boot()
        {
            _device.ClearRebootRequest();
            var store = new ConfigStore(_files);
            ControllerConfig config = store.Load();
            BootFault = store.LastStatus == ConfigLoadStatus.Loaded ? null : store.LastFault;
            // A blank board is worth a line in the banner too: it tells the technician to start provisioning.
            string shownFault = BootFault;
            lock (_gate)
            {
                _editor = new ConsoleConfigEditor(store, config);
            }
            Interlocked.Increment(ref _boots);
            return new ConsoleSession(_line, _editor, Services, _clock, shownFault, new ConsoleLockoutRecord(_files));
        }

        /// <summary>Stops serving (within one read timeout) and releases the line.</summary>
        public void Stop()
        {
            _stop = true;
            _thread?.Join(2000);
            (_line as IDisposable)?.Dispose();
        }

        public void Dispose()
        {
            Stop();
        }
    }
}

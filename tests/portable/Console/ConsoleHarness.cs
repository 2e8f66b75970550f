using System.Text;
using DoorController.Config;
using DoorController.Provisioning;
using DoorController.Tests.Support;
using System;

namespace DoorController.Tests.Provisioning
{
    /// <summary>
    /// A console over an in-memory flash, driven line by line. <see cref="Restart"/> builds a new session from
    /// what is on "flash", as a reboot would.
    /// </summary>
    public sealed class ConsoleHarness
    {
        public readonly MemoryFileStore Files = new MemoryFileStore();
        public readonly ManualClock Clock = new ManualClock(new DateTime(2026, 1, 1, 0, 0, 1));
        public readonly ConsoleTestLine Line = new ConsoleTestLine();
        public readonly ConsoleTestDevice Device = new ConsoleTestDevice();
        public ConsoleSession Session;
        public ConsoleConfigEditor Editor;
        public string Banner;

        public ConsoleHarness()
        {
            Restart();
        }

        public void Restart()
        {
            ConfigStore store = new ConfigStore(Files);
            ControllerConfig config = store.Load();
            Editor = new ConsoleConfigEditor(store, config);
            ConsoleServices services = new ConsoleServices();
            services.Device = Device;
            services.Hardware = Device;
            services.Audit = Device;
            Session = new ConsoleSession(Line, Editor, services, Clock, store.LastStatus == ConfigLoadStatus.Loaded ? null : store.LastFault,
                new ConsoleLockoutRecord(Files));
            Session.Start();
            Banner = Line.Take();
        }

        /// <summary>Types <paramref name="line"/> and Enter; returns everything the console wrote back.</summary>
        public string Send(string line)
        {
            return SendBytes(Encoding.UTF8.GetBytes(line + "\r\n"));
        }

        public string SendBytes(byte[] bytes)
        {
            Session.Receive(bytes, 0, bytes.Length);
            return Line.Take();
        }

        public ControllerConfig Config
        {
            get { return Editor.Current; }
        }

        /// <summary>A PEM-shaped certificate block.</summary>
        public static string[] CertificateLines()
        {
            return new string[]
            {
                "-----BEGIN CERTIFICATE-----",
                "MIIBszCCAVmgAwIBAgIUQ2VydGlmaWNhdGUtZm9yLXRlc3RzMAoGCCqGSM49BAMC",
                "MBIxEDAOBgNVBAMMB3Rlc3QtY2EwHhcNMjYwMTAxMDAwMDAwWhcNMzYwMTAxMDAw",
                "-----END CERTIFICATE-----"
            };
        }
    }
}

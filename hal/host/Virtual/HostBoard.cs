using System;
using System.Collections.Concurrent;
using System.IO;
using DoorController.Config;
using DoorController.Controller;
using DoorController.Hal.Host.Mqtt;
using DoorController.Hal.Host.Sim;

namespace DoorController.Hal.Host.Virtual
{
    /// <summary>
    /// A simulated ESP32 board: GPIO numbers become simulated pins (kept by number, so a virtual controller can
    /// find "its relay" the way the wiring does), the configured reader channels become simulated readers, and
    /// MQTT is libmosquitto with the configured broker identity and TLS material (libmosquitto reads PEM files, so the
    /// configuration's PEM blocks are written to a private directory first). An output starts at the level the firmware
    /// opens it with, and remembers every level it ever had (<see cref="SimOutputPin.History"/>), so a test sees a
    /// glitch at boot as well as the final level.
    /// </summary>
    public sealed class HostBoard : IBoard
    {
        private readonly ConcurrentDictionary<int, SimOutputPin> _outputs = new();
        private readonly ConcurrentDictionary<int, SimInputPin> _inputs = new();
        private readonly Func<int, bool> _inputIdleLevel;
        private readonly string _tlsDirectory;
        private readonly IClock _clock;

        /// <param name="tlsDirectory">Where the PEM files for libmosquitto are written (mode 0600 for the key).</param>
        public HostBoard(Func<int, bool> inputIdleLevel, IClock clock, string tlsDirectory)
        {
            _inputIdleLevel = inputIdleLevel;
            _clock = clock;
            _tlsDirectory = tlsDirectory;
        }

        public SimCredentialReader Nfc { get; private set; }
        /// <summary>The Wiegand reader's D0/D1 lines: cards and keypad keys arrive as timed pulses, as on the wire.</summary>
        public SimWiegandReader Wiegand { get; } = new SimWiegandReader();
        public SimCredentialReader Qr { get; private set; }
        public SimCredentialReader Ble { get; private set; }
        public MosquittoTransport Mqtt { get; private set; }

        /// <summary>False makes the MQTT client refuse to exist (a board whose network stack is broken).</summary>
        public bool MqttAvailable { get; set; } = true;

        public SimOutputPin Output(int pin) => _outputs.TryGetValue(pin, out var p) ? p : null;

        public SimInputPin Input(int pin) => _inputs.TryGetValue(pin, out var p) ? p : null;

        public IDigitalOutput OpenOutput(int pin, bool initialLevel)
        {
            if (pin == ConfigDefaults.PinNotUsed) return null;
            return _outputs.GetOrAdd(pin, n => new SimOutputPin("gpio" + n, initialLevel));
        }

        public IDigitalInput OpenInput(int pin)
        {
            if (pin == ConfigDefaults.PinNotUsed) return null;
            return _inputs.GetOrAdd(pin, n => new SimInputPin("gpio" + n, _inputIdleLevel(n)));
        }

        public ICredentialReader[] OpenReaders(ControllerConfig config)
        {
            // Every channel is fitted on the virtual board; each carries the server's number for that reader.
            Nfc = new SimCredentialReader(config.NfcReaderId);

            Qr = new SimCredentialReader(config.QrReaderId);
            Ble = new SimCredentialReader(config.BleReaderId);
            return new ICredentialReader[] { Nfc, Wiegand.CreateReader(config.WiegandReaderId, _clock), Qr, Ble };
        }

        /// <summary>The simulated DS3231 (battery-backed: it outlives reboots of this board); the only I2C device here.</summary>
        public SimDs3231 Rtc { get; set; }

        public II2cDevice OpenI2c(int sdaPin, int sclPin, int address) => address == SimDs3231.Address ? Rtc : null;

        public IMqttTransport OpenMqtt(ControllerConfig config)
        {
            if (!MqttAvailable || string.IsNullOrEmpty(config.MqttHost)) return null;
            Mqtt?.Dispose();
            var endpoint = new BrokerEndpoint
            {
                Host = config.MqttHost,
                Port = config.MqttPort,
                Tls = config.MqttTls,
                CaFile = config.MqttTls ? PemFile("ca.pem", config.CaCertificatePem) : null,
                CertFile = config.MqttTls ? PemFile("cert.pem", config.ClientCertificatePem) : null,
                KeyFile = config.MqttTls ? PemFile("key.pem", config.ClientKeyPem) : null,
                Username = config.MqttUser.Length == 0 ? null : config.MqttUser,
                Password = config.MqttUser.Length == 0 ? null : config.MqttPassword,
            };
            Mqtt = new MosquittoTransport(endpoint);
            return Mqtt;
        }

        private string PemFile(string name, string pem)
        {
            if (pem.Length == 0) return null;
            Directory.CreateDirectory(_tlsDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            string path = Path.Combine(_tlsDirectory, name);
            PrivateFile.Write(path, pem);
            return path;
        }
    }
}

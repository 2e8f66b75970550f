using System.Collections;
using System.Text;
using DoorController.Config;
using DoorController.Core;
using DoorController.Controller;
using DoorController.Hal;
using DoorController.Tests.Support;

namespace DoorController.Tests.Controller
{
    /// <summary>
    /// A board that writes down everything the controller asks of it: each output with the level it is opened at,
    /// each input, the readers the ESP32 board would build from the configuration (the NFC plan, Wiegand, QR, BLE
    /// and the server's number of each), the MQTT endpoint and its TLS material, the network joined. Inputs read
    /// "closed, released, lid on"; one NFC reader lets a test present a card.
    /// </summary>
    public sealed class ObservingBoard : IBoard, INetworkLink
    {
        private readonly StringBuilder _log = new StringBuilder();
        private readonly ObjectMap _inputs = new ObjectMap();
        public readonly FakeReader Nfc = new FakeReader();
        public SilentBroker Broker;

        public string Log
        {
            get { return _log.ToString(); }
        }

        public FakeInput Input(int pin)
        {
            return (FakeInput)_inputs[pin];
        }

        public IDigitalOutput OpenOutput(int pin, bool initialLevel)
        {
            if (pin == ConfigDefaults.PinNotUsed)
            {
                return null;
            }
            _log.Append("out ").Append(pin).Append(initialLevel ? " high" : " low").Append('\n');
            return new FakeOutput(initialLevel);
        }

        public IDigitalInput OpenInput(int pin)
        {
            if (pin == ConfigDefaults.PinNotUsed)
            {
                return null;
            }
            _log.Append("in ").Append(pin).Append('\n');
            FakeInput input = new FakeInput(false);
            _inputs[pin] = input;
            return input;
        }

        public ICredentialReader[] OpenReaders(ControllerConfig config)
        {
            NfcPlan nfc = NfcPlan.From(config);
            if (nfc != null)
            {
                _log.Append("nfc ").Append(config.NfcReaderId).Append(' ').Append(nfc.Describe()).Append(nfc.SpiLsbFirst ? " lsb" : "")
                    .Append(nfc.ChipSelectByDriver ? " cs-driver" : "").Append(nfc.ResetByBinding ? " rst-binding" : "").Append('\n');
            }
            if (config.WiegandEnabled)
            {
                _log.Append("wiegand ").Append(config.WiegandReaderId).Append(" d0 ").Append(config.WiegandD0Pin).Append(" d1 ").Append(config.WiegandD1Pin).Append('\n');
            }
            if (config.QrEnabled)
            {
                _log.Append("qr ").Append(config.QrReaderId).Append(" rx ").Append(config.QrRxPin).Append(" tx ").Append(config.QrTxPin).Append('\n');
            }
            if (config.BleEnabled)
            {
                _log.Append("ble ").Append(config.BleReaderId).Append('\n');
            }
            Nfc.ReaderId = config.NfcReaderId;
            return new ICredentialReader[] { Nfc };
        }

        public II2cDevice OpenI2c(int sdaPin, int sclPin, int address)
        {
            _log.Append("i2c sda ").Append(sdaPin).Append(" scl ").Append(sclPin).Append(" address ").Append(address).Append('\n');
            return null;
        }

        public IMqttTransport OpenMqtt(ControllerConfig config)
        {
            if (config.MqttHost.Length == 0)
            {
                return null;
            }
            _log.Append("mqtt ").Append(config.MqttHost).Append(':').Append(config.MqttPort)
                .Append(config.MqttTls ? " tls ca " + Fingerprint(config.CaCertificatePem) : " plain")
                .Append(" cert ").Append(Fingerprint(config.ClientCertificatePem)).Append(" key ").Append(Fingerprint(config.ClientKeyPem))
                .Append(" login ").Append(config.MqttUser).Append(' ').Append(Fingerprint(config.MqttPassword)).Append('\n');
            Broker = new SilentBroker();
            return Broker;
        }

        /// <summary>CRC-32 of the PEM text: which certificate, not just how long.</summary>
        private static string Fingerprint(string pem)
        {
            byte[] bytes = Encoding.UTF8.GetBytes(pem);
            return DoorController.Core.Crc32.Compute(bytes).ToString();
        }

        public bool Connect(string ssid, string psk, int timeoutMilliseconds)
        {
            _log.Append("wifi '").Append(ssid).Append("' psk ").Append(psk.Length).Append('\n');
            return ssid.Length > 0;
        }

        public bool IsUp
        {
            get { return false; }
        }
    }
}

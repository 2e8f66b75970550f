using System;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using DoorController.Hal;
using nanoFramework.M2Mqtt;
using nanoFramework.M2Mqtt.Messages;

namespace DoorController.Hal.Esp32
{
    /// <summary>
    /// <see cref="IMqttTransport"/> over nanoFramework.M2Mqtt 5.1 (MQTT 3.1.1). A fresh MqttClient per Connect, so a
    /// dead socket never lingers; the 10-argument Connect sends the broker identity (username, password) and registers
    /// the retained QoS 1 last will. TLS 1.2 verifies the broker against the site CA; a client certificate is sent
    /// where one is configured. M2Mqtt raises its
    /// events on its receive thread: they are only forwarded to the link's inbox. Network failures come back as
    /// false, never as exceptions, because the link's state machine owns retries.
    /// </summary>
    public sealed class M2MqttTransport : IMqttTransport
    {
        private readonly string _host;
        private readonly int _port;
        private readonly bool _secure;
        private readonly byte[] _caCertificatePem;
        private readonly byte[] _clientCertificatePem;
        private readonly byte[] _clientKeyPem;
        private readonly string _username;
        private readonly string _password;
        private readonly ushort _keepAliveSeconds;
        private MqttClient _client;
        private IMqttMessageListener _listener;

        /// <param name="secure">TLS, verifying the broker against <paramref name="caCertificatePem"/>; without a CA the
        /// transport refuses to exist rather than connect in plaintext.</param>
        /// <param name="caCertificatePem">PEM of the site CA, zero-terminated (<see cref="DoorController.Config.PemBytes"/>).</param>
        /// <param name="clientCertificatePem">Zero-terminated PEM client certificate, or null.</param>
        /// <param name="clientKeyPem">Zero-terminated PEM private key of the client certificate, or null.</param>
        /// <param name="username">The controller's broker identity, or null for none.</param>
        public M2MqttTransport(string host, int port, bool secure, byte[] caCertificatePem, byte[] clientCertificatePem, byte[] clientKeyPem,
            string username, string password, ushort keepAliveSeconds)
        {
            if (secure && caCertificatePem == null)
            {
                throw new ArgumentException("TLS without a CA certificate: refusing to connect without verifying the broker");
            }
            if ((clientCertificatePem == null) != (clientKeyPem == null))
            {
                throw new ArgumentException("a client certificate needs its key");
            }
            _host = host;
            _port = port;
            _secure = secure;
            _caCertificatePem = caCertificatePem;
            _clientCertificatePem = clientCertificatePem;
            _clientKeyPem = clientKeyPem;
            _username = username;
            _password = password;
            _keepAliveSeconds = keepAliveSeconds;
        }

        public bool IsConnected
        {
            get
            {
                MqttClient client = _client;
                return client != null && client.IsConnected;
            }
        }

        public bool Connect(string clientId, string willTopic, byte[] willPayload, IMqttMessageListener listener)
        {
            Disconnect();
            _listener = listener;
            try
            {
                X509Certificate ca = _secure ? new X509Certificate(_caCertificatePem) : null;
                X509Certificate own = _secure && _clientCertificatePem != null ? new X509Certificate2(_clientCertificatePem, _clientKeyPem, null) : null;
                MqttClient client = new MqttClient(_host, _port, _secure, ca, own, _secure ? MqttSslProtocols.TLSv1_2 : MqttSslProtocols.None);
                client.MqttMsgPublishReceived += OnPublishReceived;
                client.ConnectionClosed += OnConnectionClosed;
                string will = willPayload == null ? null : Encoding.UTF8.GetString(willPayload, 0, willPayload.Length);
                MqttReasonCode code = client.Connect(clientId, _username, _password, true, MqttQoSLevel.AtLeastOnce, will != null, willTopic, will, true, _keepAliveSeconds);
                if (code != MqttReasonCode.Success || !client.IsConnected)
                {
                    client.Close();
                    return false;
                }
                _client = client;
                return true;
            }
            catch (Exception)
            {
                // Socket, TLS and protocol failures all mean "not connected"; the link backs off and retries.
                return false;
            }
        }

        public bool Subscribe(string topicFilter, int qos)
        {
            MqttClient client = _client;
            if (client == null)
            {
                return false;
            }
            try
            {
                client.Subscribe(new string[] { topicFilter }, new MqttQoSLevel[] { Qos(qos) });
                return true;
            }
            catch (Exception)
            {
                return false;
            }
        }

        public bool Publish(string topic, byte[] payload, int qos, bool retain)
        {
            MqttClient client = _client;
            if (client == null || !client.IsConnected)
            {
                return false;
            }
            try
            {
                client.Publish(topic, payload, null, null, Qos(qos), retain);
                return true;
            }
            catch (Exception)
            {
                return false;
            }
        }

        public void Disconnect()
        {
            MqttClient client = _client;
            _client = null;
            if (client == null)
            {
                return;
            }
            try
            {
                client.MqttMsgPublishReceived -= OnPublishReceived;
                client.ConnectionClosed -= OnConnectionClosed;
                if (client.IsConnected)
                {
                    client.Disconnect();
                }
                client.Close();
            }
            catch (Exception)
            {
            }
        }

        private void OnPublishReceived(object sender, MqttMsgPublishEventArgs e)
        {
            IMqttMessageListener listener = _listener;
            if (listener != null && e != null && e.Topic != null)
            {
                listener.OnMessage(e.Topic, e.Message == null ? new byte[0] : e.Message);
            }
        }

        private void OnConnectionClosed(object sender, EventArgs e)
        {
            IMqttMessageListener listener = _listener;
            if (listener != null)
            {
                listener.OnConnectionLost();
            }
        }

        private static MqttQoSLevel Qos(int qos)
        {
            switch (qos)
            {
                case 0: return MqttQoSLevel.AtMostOnce;
                case 2: return MqttQoSLevel.ExactlyOnce;
                default: return MqttQoSLevel.AtLeastOnce;
            }
        }
    }
}

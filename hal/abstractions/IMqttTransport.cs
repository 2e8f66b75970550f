namespace DoorController.Hal
{
    /// <summary>
    /// An MQTT client connection (libmosquitto on the host, nanoFramework.M2Mqtt on the ESP32). The broker endpoint and
    /// TLS trust are fixed when the transport is built; the link decides when to connect. Calls block for at most the
    /// transport's connect timeout and never throw for network failures: they return false.
    /// </summary>
    public interface IMqttTransport
    {
        /// <summary>True between an accepted CONNACK and the loss of the connection.</summary>
        bool IsConnected { get; }

        /// <summary>
        /// Opens a clean session as <paramref name="clientId"/>, registering a retained QoS 1 last will, and routes
        /// received messages and connection loss to <paramref name="listener"/> (on the transport's own thread).
        /// </summary>
        bool Connect(string clientId, string willTopic, byte[] willPayload, IMqttMessageListener listener);

        bool Subscribe(string topicFilter, int qos);

        bool Publish(string topic, byte[] payload, int qos, bool retain);

        /// <summary>Sends DISCONNECT (the last will is then not published) and releases the connection.</summary>
        void Disconnect();
    }
}

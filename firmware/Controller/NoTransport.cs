using DoorController.Hal;

namespace DoorController.Controller
{
    /// <summary>The MQTT transport of a controller without a network stack: never connects, so every decision is local.</summary>
    public sealed class NoTransport : IMqttTransport
    {
        public bool IsConnected
        {
            get { return false; }
        }

        public bool Connect(string clientId, string willTopic, byte[] willPayload, IMqttMessageListener listener)
        {
            return false;
        }

        public bool Subscribe(string topicFilter, int qos)
        {
            return false;
        }

        public bool Publish(string topic, byte[] payload, int qos, bool retain)
        {
            return false;
        }

        public void Disconnect()
        {
        }
    }
}

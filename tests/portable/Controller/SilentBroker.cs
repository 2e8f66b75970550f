using System.Collections;
using DoorController.Hal;

namespace DoorController.Tests.Controller
{
    /// <summary>A broker that accepts the connection and every publish and never answers: decisions wait for the timeout.</summary>
    public sealed class SilentBroker : IMqttTransport
    {
        private bool _connected;
        public readonly ArrayList Topics = new ArrayList();
        public string ClientId;

        public bool IsConnected
        {
            get { return _connected; }
        }

        public bool Connect(string clientId, string willTopic, byte[] willPayload, IMqttMessageListener listener)
        {
            ClientId = clientId;
            _connected = true;
            return true;
        }

        public bool Subscribe(string topicFilter, int qos)
        {
            Topics.Add(topicFilter);
            return true;
        }

        public bool Publish(string topic, byte[] payload, int qos, bool retain)
        {
            Topics.Add(topic);
            return true;
        }

        public void Disconnect()
        {
            _connected = false;
        }
    }
}

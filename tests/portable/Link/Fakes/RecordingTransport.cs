using System.Collections;
using DoorController.Hal;

namespace DoorController.Tests.Link.Fakes
{
    /// <summary>An in-memory MQTT transport: records publishes and subscriptions, lets the test inject messages and drop the link.</summary>
    public sealed class RecordingTransport : IMqttTransport
    {
        public readonly ArrayList Published = new ArrayList();
        public readonly ArrayList Subscribed = new ArrayList();
        public bool BrokerUp = true;
        public bool Connected;
        public int ConnectCalls;
        public string WillTopic;
        public byte[] WillPayload;
        public IMqttMessageListener Listener;

        public bool IsConnected
        {
            get { return Connected; }
        }

        public bool Connect(string clientId, string willTopic, byte[] willPayload, IMqttMessageListener listener)
        {
            ConnectCalls++;
            WillTopic = willTopic;
            WillPayload = willPayload;
            Listener = listener;
            Connected = BrokerUp;
            return Connected;
        }

        public bool Subscribe(string topicFilter, int qos)
        {
            Subscribed.Add(topicFilter);
            return Connected;
        }

        public bool Publish(string topic, byte[] payload, int qos, bool retain)
        {
            if (!Connected)
            {
                return false;
            }
            PublishedMessage m = new PublishedMessage();
            m.Topic = topic;
            m.Payload = payload;
            m.Qos = qos;
            m.Retain = retain;
            Published.Add(m);
            return true;
        }

        public void Disconnect()
        {
            Connected = false;
        }

        /// <summary>The broker delivers a message to the controller.</summary>
        public void Deliver(string topic, byte[] payload)
        {
            Listener.OnMessage(topic, payload);
        }

        public void Deliver(string topic, string json)
        {
            Deliver(topic, System.Text.Encoding.UTF8.GetBytes(json));
        }

        /// <summary>The connection dies under the controller.</summary>
        public void Drop()
        {
            Connected = false;
            Listener.OnConnectionLost();
        }

        /// <summary>Publishes on <paramref name="topic"/> so far, oldest first.</summary>
        public PublishedMessage[] On(string topic)
        {
            ArrayList hits = new ArrayList();
            foreach (PublishedMessage m in Published)
            {
                if (m.Topic == topic)
                {
                    hits.Add(m);
                }
            }
            return (PublishedMessage[])hits.ToArray(typeof(PublishedMessage));
        }

        public PublishedMessage Last(string topic)
        {
            PublishedMessage[] all = On(topic);
            return all.Length == 0 ? null : all[all.Length - 1];
        }
    }
}

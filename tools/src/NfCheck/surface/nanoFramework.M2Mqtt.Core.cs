// Assembly nanoFramework.M2Mqtt.Core of nanoFramework.M2Mqtt 5.1.220 - section 14b of nanoframework-api.md: the
// client interface, QoS levels, reason codes, user properties and the publish/subscribe event arguments.

namespace nanoFramework.M2Mqtt
{
    using System;
    using System.Collections;
    using nanoFramework.M2Mqtt.Messages;

    public interface IMqttClient
    {
        delegate void MqttMsgPublishEventHandler(object sender, MqttMsgPublishEventArgs e);

        delegate void MqttMsgPublishedEventHandler(object sender, MqttMsgPublishedEventArgs e);

        delegate void MqttMsgSubscribedEventHandler(object sender, MqttMsgSubscribedEventArgs e);

        delegate void MqttMsgUnsubscribedEventHandler(object sender, MqttMsgUnsubscribedEventArgs e);

        delegate void ConnectionClosedEventHandler(object sender, EventArgs e);

        bool IsConnected { get; }
        void Init(string brokerHostName, int brokerPort, bool secure, byte[] caCert, byte[] clientCert, MqttSslProtocols sslProtocol);
        MqttReasonCode Connect(string clientId, string username, string password, bool willRetain, MqttQoSLevel willQosLevel, bool willFlag, string willTopic, string willMessage, bool cleanSession, ushort keepAlivePeriod);
        void Disconnect();
        ushort Subscribe(string[] topics, MqttQoSLevel[] qosLevels);
        ushort Unsubscribe(string[] topics);
        ushort Publish(string topic, byte[] message);
        ushort Publish(string topic, byte[] message, string contentType);
        ushort Publish(string topic, byte[] message, string contentType, ArrayList userProperties, MqttQoSLevel qosLevel, bool retain);
        void Close();
        event MqttMsgPublishEventHandler MqttMsgPublishReceived;
        event MqttMsgPublishedEventHandler MqttMsgPublished;
        event MqttMsgSubscribedEventHandler MqttMsgSubscribed;
        event MqttMsgUnsubscribedEventHandler MqttMsgUnsubscribed;
        event ConnectionClosedEventHandler ConnectionClosed;
    }

    public enum MqttSslProtocols
    {
        None,
        SSLv3,
        TLSv1_0,
        TLSv1_1,
        TLSv1_2,
        TLSv1_3,
    }
}

namespace nanoFramework.M2Mqtt.Messages
{
    using System;

    public class MqttMsgPublishEventArgs : EventArgs
    {
        public extern string Topic { get; }
        public extern byte[] Message { get; }
        public extern bool DupFlag { get; }
        public extern MqttQoSLevel QosLevel { get; }
        public extern bool Retain { get; }
        public extern MqttMsgPublishEventArgs(string topic, byte[] message, bool dupFlag, MqttQoSLevel qosLevel, bool retain);
    }

    public class MqttMsgPublishedEventArgs : EventArgs
    {
        public extern ushort MessageId { get; set; }
        public extern bool IsPublished { get; set; }
        public extern MqttMsgPublishedEventArgs(ushort messageId);
        public extern MqttMsgPublishedEventArgs(ushort messageId, bool isPublished);
    }

    public class MqttMsgSubscribedEventArgs : EventArgs
    {
        public extern ushort MessageId { get; }
        public extern MqttQoSLevel[] GrantedQoSLevels { get; }
        public extern MqttMsgSubscribedEventArgs(ushort messageId, MqttQoSLevel[] grantedQosLevels);
    }

    // Named by the event delegates; members not listed in the data file.
    public class MqttMsgUnsubscribedEventArgs : EventArgs
    {
        private extern MqttMsgUnsubscribedEventArgs();
    }

    public enum MqttQoSLevel
    {
        AtMostOnce = 0x00,
        AtLeastOnce = 0x01,
        ExactlyOnce = 0x02,
        GrantedFailure = 0x80,
    }

    public class UserProperty
    {
        public extern UserProperty(string name, string value);
        public extern string Name { get; set; }
        public extern string Value { get; set; }
    }

    // Only the codes the data file lists (it elides the others with "...").
    public enum MqttReasonCode
    {
        Success = 0x00,
        ConnectionRefusedUnacceptableProtocolVersion = 0x01,
        ConnectionRefusedIdentifierRejected = 0x02,
        ConnectionRefusedServerUnavailable = 0x03,
        ConnectionRefusedBadUserNameOrPassword = 0x04,
        ConnectionRefusedNotAuthorized = 0x05,
        UnspecifiedError = 0x80,
        NotAuthorized = 0x87,
        ServerUnavailable = 0x88,
    }
}

// Assembly nanoFramework.M2Mqtt of nanoFramework.M2Mqtt 5.1.220 - section 14a of nanoframework-api.md (namespaces
// nanoFramework.M2Mqtt, .Messages, .Exceptions). Connect(clientId) = clean session, keep-alive 60 s;
// Publish(topic, msg) = QoS AtMostOnce, not retained. The interface and message types it uses are in M2Mqtt.Core.

namespace nanoFramework.M2Mqtt
{
    using System;
    using System.Collections;
    using System.Security.Cryptography.X509Certificates;
    using nanoFramework.M2Mqtt.Messages;

    public class MqttClient : IMqttClient, IDisposable
    {
        public delegate void ConnectionOpenedEventHandler(object sender, ConnectionOpenedEventArgs e);

        public delegate void ConnectionClosedRequestEventHandler(object sender, ConnectionClosedRequestEventArgs e);

        public delegate void MqttMsgAuthenticationEventHandler(object sender, MqttMsgAuthenticationEventArgs e);

        public extern event IMqttClient.MqttMsgPublishEventHandler MqttMsgPublishReceived;
        public extern event IMqttClient.MqttMsgPublishedEventHandler MqttMsgPublished;
        public extern event IMqttClient.MqttMsgSubscribedEventHandler MqttMsgSubscribed;
        public extern event IMqttClient.MqttMsgUnsubscribedEventHandler MqttMsgUnsubscribed;
        public extern event ConnectionOpenedEventHandler ConnectionOpened;
        public extern event IMqttClient.ConnectionClosedEventHandler ConnectionClosed;
        public extern event ConnectionClosedRequestEventHandler ConnectionClosedRequest;
        public extern event MqttMsgAuthenticationEventHandler Authentication;
        public extern bool IsConnected { get; }
        public extern string ClientId { get; }
        public extern bool CleanSession { get; }
        public extern bool WillFlag { get; }
        public extern MqttQoSLevel WillQosLevel { get; }
        public extern string WillTopic { get; }
        public extern string WillMessage { get; }
        public extern MqttProtocolVersion ProtocolVersion { get; set; }
        public extern ArrayList UserProperties { get; }
        public extern MqttSettings Settings { get; }

        // MQTT 5-only get/set properties: the data file names them; the types are the package's.
        public extern string AuthenticationMethod { get; set; }
        public extern byte[] AuthenticationData { get; set; }
        public extern uint SessionExpiryInterval { get; set; }
        public extern bool RequestProblemInformation { get; set; }
        public extern bool RequestResponseInformation { get; set; }
        public extern ushort ReceiveMaximum { get; set; }
        public extern ushort TopicAliasMaximum { get; set; }
        public extern uint WillDelayInterval { get; set; }
        public extern uint MaximumPacketSize { get; set; }
        public extern bool IsAuthenticationFlow { get; set; }

        public extern MqttClient(string brokerHostName);
        public extern MqttClient(string brokerHostName, int brokerPort, bool secure, X509Certificate caCert, X509Certificate clientCert, MqttSslProtocols sslProtocol);
        public extern void Init(string brokerHostName, int brokerPort, bool secure, byte[] caCert, byte[] clientCert, MqttSslProtocols sslProtocol);
        public extern MqttReasonCode Connect(string clientId);
        public extern MqttReasonCode Connect(string clientId, bool cleanSession);
        public extern MqttReasonCode Connect(string clientId, string username, string password);
        public extern MqttReasonCode Connect(string clientId, string username, string password, bool cleanSession, ushort keepAlivePeriod);
        public extern MqttReasonCode Connect(string clientId, string username, string password, bool willRetain, MqttQoSLevel willQosLevel, bool willFlag, string willTopic, string willMessage, bool cleanSession, ushort keepAlivePeriod);
        public extern void Disconnect();
        public extern void Close();
        public extern ushort Subscribe(string[] topics, MqttQoSLevel[] qosLevels);
        public extern ushort Unsubscribe(string[] topics);
        public extern ushort Publish(string topic, byte[] message);
        public extern ushort Publish(string topic, byte[] message, string contentType);
        public extern ushort Publish(string topic, byte[] message, string contentType, ArrayList userProperties);
        public extern ushort Publish(string topic, byte[] message, string contentType, ArrayList userProperties, MqttQoSLevel qosLevel, bool retain);
        public extern void Dispose();
    }

    public enum MqttProtocolVersion
    {
        Version_3_1 = 0x03,
        Version_3_1_1 = 0x04,
        Version_5 = 0x05,
    }

    public class MqttSettings
    {
        // No constructor is listed in the data file: this keeps C# from inventing a public one.
        private extern MqttSettings();
        public const int BrokerDefaultPort = 1883;
        public const int BrokerDefaultSslPort = 8883;
        public extern int Port { get; }
        public extern int SslPort { get; }
        public extern int TimeoutOnConnection { get; }
        public extern int TimeoutOnReceiving { get; }
        public extern int AttemptsOnRetry { get; }
        public extern int DelayOnRetry { get; }
        public extern int InflightQueueSize { get; set; }
        public extern bool ValidateServerCertificate { get; set; }
        public static extern MqttSettings Instance { get; }
    }
}

namespace nanoFramework.M2Mqtt.Messages
{
    using System;

    public class MqttMsgAuthenticationEventArgs : EventArgs
    {
        private extern MqttMsgAuthenticationEventArgs();
    }

    public class ConnectionOpenedEventArgs : EventArgs
    {
        // No constructor is listed in the data file: this keeps C# from inventing a public one.
        private extern ConnectionOpenedEventArgs();
        public extern MqttMsgConnack Message { get; }
    }

    public class ConnectionClosedRequestEventArgs : EventArgs
    {
        // No constructor is listed in the data file: this keeps C# from inventing a public one.
        private extern ConnectionClosedRequestEventArgs();
        public extern MqttMsgDisconnect Message { get; }
    }

    // Named by the EventArgs above; members not listed in the data file.
    public class MqttMsgConnack
    {
        private extern MqttMsgConnack();
    }

    public class MqttMsgDisconnect
    {
        private extern MqttMsgDisconnect();
    }
}

namespace nanoFramework.M2Mqtt.Exceptions
{
    using System;

    public class MqttClientException : Exception
    {
        public extern MqttClientException(MqttClientErrorCode errorCode);
        public extern MqttClientErrorCode ErrorCode { get; set; }
    }

    public enum MqttClientErrorCode
    {
        WillWrong = 1,
        KeepAliveWrong,
        TopicWildcard,
        TopicLength,
        QosNotAllowed,
        TopicsEmpty,
        QosLevelsEmpty,
        TopicsQosLevelsNotMatch,
        WrongBrokerMessage,
        WrongMessageId,
        InflightQueueFull,
        InvalidFlagBits,
        InvalidConnectFlags,
        InvalidClientId,
        InvalidProtocolName,
    }

    public class MqttCommunicationException : Exception
    {
        public extern MqttCommunicationException();
        public extern MqttCommunicationException(Exception e);
    }

    public class MqttConnectionException : Exception
    {
        public extern MqttConnectionException(string message, Exception innerException);
    }
}

using System;
using System.Collections.Generic;
using DoorController.Hal;
using DoorController.Hal.Host.Mqtt;
using DoorController.LocalBroker;

namespace DoorController.Bench
{
    /// <summary>Answers every echo request at once: the broker's own round trip with no server behind it, connected the
    /// way the server is (through the broker's Unix socket, BrokerAccess.Of) so the ceiling has the server's link.</summary>
    internal sealed class EchoResponder : IMqttMessageListener, IDisposable
    {
        private readonly MosquittoTransport _t;
        public EchoResponder(MosquittoBroker broker)
        {
            var acls = new List<BrokerAcl>
            {
                new(BrokerAcl.SubscribePattern, "bench/echo/req/+"), new(BrokerAcl.PublishReceive, "bench/echo/req/+"),
                new(BrokerAcl.PublishSend, "bench/echo/resp/+"),
            };
            BrokerLogin login = broker.Admin.CreateIdentity("bench-echo", "bench-echo", acls, "bench echo responder");
            _t = new MosquittoTransport(broker.SocketEndpoint(login));
            BenchConnection.Connect(_t, login.ClientId, this, "bench/echo/req/+");
        }
        public void OnMessage(string topic, byte[] payload) => _t.Publish("bench/echo/resp/" + topic.Substring(15), payload, 0, false);
        public void OnConnectionLost() { }
        public void Dispose() => _t.Dispose();
    }
}

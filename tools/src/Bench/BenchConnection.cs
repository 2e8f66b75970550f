using System;
using System.Collections.Generic;
using DoorController.Hal;
using DoorController.Hal.Host.Mqtt;
using DoorController.LocalBroker;

namespace DoorController.Bench
{
    /// <summary>The bench's own broker connections (simulated controllers, echo responder, upstream senders): a
    /// dynamic-security identity allowed exactly <c>acls</c>, then a TLS connection under it with its subscriptions.</summary>
    internal static class BenchConnection
    {
        /// <summary>Creates identity <paramref name="who"/> (its client id is its name) and connects as it.</summary>
        public static MosquittoTransport Open(MosquittoBroker broker, string who, List<BrokerAcl> acls, string what, IMqttMessageListener listener, params string[] subscriptions)
        {
            var t = new MosquittoTransport(Identity(broker, who, acls, what));
            Connect(t, who, listener, subscriptions);
            return t;
        }

        /// <summary>Creates identity <paramref name="who"/> on the broker; where and as whom to connect.</summary>
        public static BrokerEndpoint Identity(MosquittoBroker broker, string who, List<BrokerAcl> acls, string what)
        {
            BrokerLogin login = broker.Admin.CreateIdentity(who, who, acls, what);
            return broker.Endpoint(login);
        }

        /// <summary>Connects as <paramref name="clientId"/> and subscribes (each SUBACK awaited); throws with the broker's reason.</summary>
        public static void Connect(IMqttTransport t, string clientId, IMqttMessageListener listener, params string[] subscriptions)
        {
            string Why() => t is PolledConnection p ? p.LastError : ((MosquittoTransport)t).LastError;
            if (!t.Connect(clientId, null, null, listener)) throw new InvalidOperationException(clientId + ": " + Why());
            foreach (string s in subscriptions)
            {
                if (!t.Subscribe(s, 0)) throw new InvalidOperationException(clientId + ": " + Why());
            }
        }
    }
}

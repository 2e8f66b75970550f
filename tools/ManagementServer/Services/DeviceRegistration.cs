using DoorController.LocalBroker;

namespace DoorController.Server.Services
{
    /// <summary>
    /// What registering a controller (S11) hands to the installer, once: its id, its device key and, when the server
    /// administers the broker, the controller's broker identity (username, password, the client id it is bound to).
    /// </summary>
    public sealed class DeviceRegistration
    {
        public DeviceRegistration(string id, string key, BrokerLogin broker)
        {
            Id = id;
            Key = key;
            Broker = broker;
        }

        public string Id { get; }
        public string Key { get; }

        /// <summary>Null when the server does not manage the broker's identities.</summary>
        public BrokerLogin Broker { get; }

        public void Deconstruct(out string id, out string key)
        {
            id = Id;
            key = Key;
        }
    }
}

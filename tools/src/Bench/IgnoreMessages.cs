using DoorController.Hal;

namespace DoorController.Bench
{
    /// <summary>The listener of a connection that only publishes (a stand-in server, load senders).</summary>
    internal sealed class IgnoreMessages : IMqttMessageListener
    {
        public void OnMessage(string topic, byte[] payload) { }
        public void OnConnectionLost() { }
    }
}

namespace DoorController.Hal
{
    /// <summary>
    /// Receives what an <see cref="IMqttTransport"/> hears. Called on the transport's network thread: implementations
    /// only copy and queue, the link's tick does the work.
    /// </summary>
    public interface IMqttMessageListener
    {
        void OnMessage(string topic, byte[] payload);

        void OnConnectionLost();
    }
}

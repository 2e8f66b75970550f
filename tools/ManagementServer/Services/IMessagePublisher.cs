namespace DoorController.Server.Services
{
    /// <summary>Where the server publishes MQTT messages (commands, notifications, decisions). The MQTT bridge
    /// implements it; without a broker configured the server uses <see cref="NullPublisher"/>.</summary>
    public interface IMessagePublisher
    {
        /// <summary>Queues one message; returns false when it could not be handed to the broker.</summary>
        bool Publish(string topic, string payload);
    }
}

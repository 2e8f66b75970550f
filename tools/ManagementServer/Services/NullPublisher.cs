namespace DoorController.Server.Services
{
    /// <summary>The publisher used when no broker is configured: it records nothing and reports failure, so
    /// callers show "not delivered" rather than pretending.</summary>
    public sealed class NullPublisher : IMessagePublisher
    {
        public bool Publish(string topic, string payload)
        {
            return false;
        }
    }
}

namespace DoorController.Link
{
    /// <summary>One received MQTT message waiting for the link's tick.</summary>
    public sealed class InboundMessage
    {
        public InboundMessage(string topic, byte[] payload)
        {
            Topic = topic;
            Payload = payload;
        }

        public string Topic { get; private set; }

        public byte[] Payload { get; private set; }
    }
}

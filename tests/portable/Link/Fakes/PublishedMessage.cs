namespace DoorController.Tests.Link.Fakes
{
    /// <summary>One publish recorded by <see cref="RecordingTransport"/>.</summary>
    public sealed class PublishedMessage
    {
        public string Topic;
        public byte[] Payload;
        public int Qos;
        public bool Retain;

        public string Text
        {
            get { return System.Text.Encoding.UTF8.GetString(Payload, 0, Payload.Length); }
        }
    }
}

using DoorController.Hal;

namespace DoorController.Tests.Controller
{
    /// <summary>A card reader the boot tests present cards on.</summary>
    public sealed class FakeReader : ICredentialReader
    {
        public int ReaderId;
        private ICredentialSink _sink;

        public bool Start(ICredentialSink sink)
        {
            _sink = sink;
            return true;
        }

        public void Poll()
        {
        }

        public void Stop()
        {
            _sink = null;
        }

        public void Present(byte[] uid)
        {
            _sink.OnCardUid(ReaderId, uid, uid.Length);
        }
    }
}

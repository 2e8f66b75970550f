using DoorController.Hal;

namespace DoorController.Tests.Readers
{
    /// <summary>Counts what a reader binding delivers and keeps the last card.</summary>
    public sealed class RecordingSink : ICredentialSink
    {
        public int Cards;
        public int LastReader;
        public int LastLength;
        public byte[] LastUid;

        public void OnCardUid(int readerId, byte[] uid, int length)
        {
            Cards++;
            LastReader = readerId;
            LastLength = length;
            LastUid = uid;
        }

        public void OnText(int readerId, string text)
        {
        }

        public void OnKey(int readerId, char key)
        {
        }

        public void OnAdvertisement(int readerId, ushort companyId, byte[] data, int rssiDbm)
        {
        }
    }
}

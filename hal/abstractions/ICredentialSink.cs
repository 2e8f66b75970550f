namespace DoorController.Hal
{
    /// <summary>
    /// Where reader bindings deliver raw reads. Called from reader threads on the device: implementations only
    /// validate and queue, the main loop decides.
    /// </summary>
    public interface ICredentialSink
    {
        /// <summary>An ISO 14443 card UID of <paramref name="length"/> bytes.</summary>
        void OnCardUid(int readerId, byte[] uid, int length);

        /// <summary>One complete line from a text reader (QR / barcode scanner).</summary>
        void OnText(int readerId, string text);

        /// <summary>One keypad key: '0'..'9', '*' or '#'.</summary>
        void OnKey(int readerId, char key);

        /// <summary>Manufacturer-specific data of one BLE advertisement and its received signal strength.</summary>
        void OnAdvertisement(int readerId, ushort companyId, byte[] data, int rssiDbm);
    }
}

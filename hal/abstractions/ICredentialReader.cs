namespace DoorController.Hal
{
    /// <summary>
    /// A credential reader binding (NFC, QR scanner, BLE scanner, keypad). It only moves raw data into an
    /// <see cref="ICredentialSink"/>; validation and normalisation happen in firmware/Readers.
    /// </summary>
    public interface ICredentialReader
    {
        /// <summary>Opens the hardware and starts delivering to <paramref name="sink"/>. False if the reader is absent.</summary>
        bool Start(ICredentialSink sink);

        /// <summary>
        /// One bounded polling step for readers that must be asked (PN532, MFRC522), called from the main loop;
        /// a no-op for event-driven readers (UART, BLE).
        /// </summary>
        void Poll();

        void Stop();
    }
}

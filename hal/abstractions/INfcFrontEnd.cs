namespace DoorController.Hal
{
    /// <summary>
    /// One NFC reader chip (PN532, MFRC522) on its bus, asked for one ISO 14443-A card at a time. The binding
    /// releases or halts the card it read; firmware/Readers/NfcCardReader decides what counts as a new read.
    /// </summary>
    public interface INfcFrontEnd
    {
        /// <summary>
        /// One bounded look for a card: the UID length copied into <paramref name="uid"/> (at most 10 bytes), 0 when
        /// no card answered, -1 when the chip or its bus failed. Never throws.
        /// </summary>
        int ReadUid(byte[] uid);
    }
}

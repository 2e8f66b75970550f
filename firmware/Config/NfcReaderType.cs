namespace DoorController.Config
{
    /// <summary>The NFC front-end fitted to the board, if any.</summary>
    public enum NfcReaderType
    {
        None = 0,
        Pn532 = 1,
        Mfrc522 = 2
    }
}

namespace DoorController.Config
{
    /// <summary>The bus the NFC front-end is wired on.</summary>
    public enum NfcBus
    {
        Spi = 0,
        I2c = 1
    }
}

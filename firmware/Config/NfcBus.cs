namespace DoorController.Config
{
    /// <summary>The bus the NFC front-end is wired on: SPI (PN532 or MFRC522), I2C or UART/HSU (PN532 only).</summary>
    public enum NfcBus
    {
        Spi = 0,
        I2c = 1,
        Uart = 2
    }
}

namespace DoorController.Config
{
    /// <summary>What an NFC bus pin carries; the ESP32 binding maps it to its DeviceFunction for the plan's bus id.</summary>
    public enum NfcPinFunction
    {
        SpiClock = 0,
        SpiMiso = 1,
        SpiMosi = 2,
        I2cData = 3,
        I2cClock = 4,
        UartRx = 5,
        UartTx = 6
    }
}

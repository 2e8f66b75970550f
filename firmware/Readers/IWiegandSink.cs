namespace DoorController.Readers
{
    /// <summary>
    /// Receives raw Wiegand frames. A sink passed to <see cref="WiegandReader.Start"/> must implement it as well as
    /// <see cref="Hal.ICredentialSink"/> (<see cref="CredentialNormaliser"/> does): frames are decoded in firmware,
    /// so the generic sink interface stays free of Wiegand details.
    /// </summary>
    public interface IWiegandSink
    {
        void OnWiegandFrame(int readerId, WiegandFrame frame);
    }
}

namespace DoorController.Provisioning
{
    /// <summary>Bench tests a technician runs after wiring: pulse the relay, read one credential.</summary>
    public interface IConsoleHardwareTest
    {
        /// <summary>Pulses the relay for the configured unlock time; false when it could not.</summary>
        bool TestRelay(out string result);

        /// <summary>Waits a few seconds for one credential at any reader and describes it (never the raw secret).</summary>
        bool TestReader(out string result);
    }
}

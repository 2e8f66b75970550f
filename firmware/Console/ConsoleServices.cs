namespace DoorController.Provisioning
{
    /// <summary>
    /// The providers the console reports from and acts through. The boot code replaces the fields it can serve;
    /// the rest stay on <see cref="ConsoleUnavailableServices"/>.
    /// </summary>
    public sealed class ConsoleServices
    {
        public IConsoleStatusSource Status = ConsoleUnavailableServices.Instance;
        public IConsoleStatisticsSource Statistics = ConsoleUnavailableServices.Instance;
        public IConsoleLogSource Log = ConsoleUnavailableServices.Instance;
        public IConsoleHardwareTest Hardware = ConsoleUnavailableServices.Instance;
        public IConsoleDeviceControl Device = ConsoleUnavailableServices.Instance;
        public IConsoleAuditSink Audit = ConsoleUnavailableServices.Instance;

        /// <summary>Shown by `status`; the boot code sets the build's version.</summary>
        public string FirmwareVersion = "unknown";
    }
}

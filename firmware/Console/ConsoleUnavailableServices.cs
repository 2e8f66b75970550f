namespace DoorController.Provisioning
{
    /// <summary>
    /// The default behind every console provider until the boot code wires the real one: each answer says
    /// "not available" instead of failing, so the console is usable on a board with nothing else running.
    /// </summary>
    public sealed class ConsoleUnavailableServices : IConsoleStatusSource, IConsoleStatisticsSource, IConsoleLogSource,
        IConsoleHardwareTest, IConsoleDeviceControl, IConsoleAuditSink
    {
        public const string NotAvailable = "not available";

        public static readonly ConsoleUnavailableServices Instance = new ConsoleUnavailableServices();

        public string DescribeStatus()
        {
            return "runtime: " + NotAvailable;
        }

        public string CacheStatistics()
        {
            return "cache: " + NotAvailable;
        }

        public string JournalStatistics()
        {
            return "journal: " + NotAvailable;
        }

        public string LinkStatistics()
        {
            return "link: " + NotAvailable;
        }

        public string Tail(int lineCount)
        {
            return "log: " + NotAvailable;
        }

        public bool TestRelay(out string result)
        {
            result = "relay test " + NotAvailable;
            return false;
        }

        public bool TestReader(out string result)
        {
            result = "reader test " + NotAvailable;
            return false;
        }

        public bool CanReboot
        {
            get { return false; }
        }

        public bool Reboot()
        {
            return false;
        }

        public void PasscodeAttempt(bool accepted, int consecutiveFailures)
        {
        }

        public void ConfigurationChanged(string command)
        {
        }

        public bool EraseData(out string error)
        {
            // Nothing else is wired, so there is nothing else to erase.
            error = null;
            return true;
        }
    }
}

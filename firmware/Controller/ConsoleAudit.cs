using DoorController.Journal;
using DoorController.Provisioning;
using DoorController.Contract;

namespace DoorController.Controller
{
    /// <summary>Technicians' sign-ins and saved changes, journalled so the server sees who touched the controller.</summary>
    public sealed class ConsoleAudit : IConsoleAuditSink
    {
        private const int SerialChannel = 1;

        private readonly EventJournal _journal;
        private readonly RecentLog _log;
        private readonly ConsoleLoginEvent _login = new ConsoleLoginEvent();

        public ConsoleAudit(EventJournal journal, RecentLog log)
        {
            _journal = journal;
            _log = log;
        }

        public void PasscodeAttempt(bool accepted, int consecutiveFailures)
        {
            lock (_login)
            {
                _login.User = "technician";
                _login.Success = accepted;
                _login.Channel = SerialChannel;
                _journal.Append(EventType.ConsoleLogin, _login, RecordFlags.None);
            }
            _log.Add(accepted ? "console: signed in" : "console: wrong passcode (" + consecutiveFailures + " in a row)");
        }

        public void ConfigurationChanged(string command)
        {
            _log.Add("console: configuration saved (" + command + "); applies at the next boot");
        }
    }
}

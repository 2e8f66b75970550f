using System.Collections;
using DoorController.Link;
using DoorController.Contract;

namespace DoorController.Tests.Link.Fakes
{
    /// <summary>Records executed commands and tracks the mode they set.</summary>
    public sealed class RecordingCommandHandler : ICommandHandler, INotificationSink
    {
        public readonly ArrayList Executed = new ArrayList();
        public readonly ArrayList Shown = new ArrayList();
        private string _mode = "normal";

        public string Mode
        {
            get { return _mode; }
        }

        /// <summary>Set by a test to move the door; the link republishes the status when it changes.</summary>
        public string DoorState { get; set; } = "closed";

        public string LockState { get; set; } = "locked";
        public string Door2State { get; set; }
        public string Lock2State { get; set; }
        public string Mode2 { get; set; }
        public int DoorId { get; set; }
        public int Door2Id { get; set; }

        public bool Execute(CommandMessage command, out string error)
        {
            Executed.Add(command.Command);
            if (command.Command == "lockdown") _mode = "lockdown";
            if (command.Command == "release") _mode = "released";
            if (command.Command == "unlock" && command.Door > 4)
            {
                error = "no-such-door";
                return false;
            }
            error = null;
            return true;
        }

        public void Show(Notification notification)
        {
            Shown.Add(notification.Text);
        }
    }
}

using DoorController.Door;
using DoorController.Link;
using DoorController.Contract;

namespace DoorController.Controller
{
    /// <summary>
    /// Carries out authenticated remote commands (the link has already checked the MAC and refused replays) on this
    /// controller's door: unlock for a while, lockdown, release (held unlocked until the mode changes), back to
    /// normal, reboot. The reboot is deferred to the main loop so the result can be published first. With a second
    /// door, a command naming a door acts on that door; one naming none unlocks the first door and sets the mode
    /// (lockdown, release, normal) of both — a lockdown of the controller locks every door it drives.
    /// </summary>
    public sealed class ControllerCommandHandler : ICommandHandler
    {
        private const int RemoteGrantId = 0x7F000000;

        private readonly DoorStateMachine _door;
        private readonly int _doorId;
        private DoorStateMachine _second;
        private int _secondId;
        private int _remoteGrants;

        public ControllerCommandHandler(DoorStateMachine door, int doorId)
        {
            _door = door;
            _doorId = doorId;
        }

        public void AddSecondDoor(DoorStateMachine door, int doorId)
        {
            _second = door;
            _secondId = doorId;
        }

        /// <summary>Set when a reboot was commanded; the main loop reboots after publishing the result.</summary>
        public bool RebootRequested { get; private set; }

        public string Mode
        {
            get { return ModeText(_door); }
        }

        public string Mode2
        {
            get { return _second == null ? null : ModeText(_second); }
        }

        private static string ModeText(DoorStateMachine door)
        {
            switch (door.Mode)
            {
                case DoorMode.Lockdown: return "lockdown";
                case DoorMode.Release: return "released";
                default: return "normal";
            }
        }

        public string DoorState
        {
            get { return ContactText(_door); }
        }

        public string LockState
        {
            get { return _door.RelayUnlocked ? "unlocked" : "locked"; }
        }

        public string Door2State
        {
            get { return _second == null ? null : ContactText(_second); }
        }

        public string Lock2State
        {
            get { return _second == null ? null : _second.RelayUnlocked ? "unlocked" : "locked"; }
        }

        public int DoorId
        {
            get { return _doorId; }
        }

        public int Door2Id
        {
            get { return _second == null ? 0 : _secondId; }
        }

        private static string ContactText(DoorStateMachine door)
        {
            if (door.IsForced)
            {
                return "forced";
            }
            if (door.IsHeldOpen)
            {
                return "held";
            }
            return door.IsOpen ? "open" : "closed";
        }

        public bool Execute(CommandMessage command, out string error)
        {
            error = null;
            bool second = _second != null && command.Door == _secondId;
            if (command.Door != 0 && command.Door != _doorId && !second)
            {
                error = "no-such-door";
                return false;
            }
            DoorStateMachine door = second ? _second : _door;
            switch (command.Command)
            {
                case CommandNames.Unlock:
                    _remoteGrants++;
                    if (!door.Grant(RemoteGrantId + _remoteGrants, (int)command.DurationMilliseconds, false))
                    {
                        error = door.Mode == DoorMode.Lockdown ? "refused-in-lockdown" : "refused-by-interlock";
                        return false;
                    }
                    return true;
                case CommandNames.Lockdown:
                    SetMode(command.Door, door, DoorMode.Lockdown);
                    return true;
                case CommandNames.Release:
                    SetMode(command.Door, door, DoorMode.Release);
                    return true;
                case CommandNames.Normal:
                    SetMode(command.Door, door, DoorMode.Normal);
                    return true;
                case CommandNames.Reboot:
                    RebootRequested = true;
                    return true;
                default:
                    error = "unknown-command";
                    return false;
            }
        }

        private void SetMode(long commandDoor, DoorStateMachine door, DoorMode mode)
        {
            door.SetMode(mode);
            if (commandDoor == 0 && _second != null)
            {
                _second.SetMode(mode);
            }
        }
    }
}

using DoorController.Contract;

namespace DoorController.Link
{
    /// <summary>
    /// Carries out authenticated remote commands that act on the doors or the device (unlock, lockdown, release,
    /// reboot); "resync" is handled by the link itself. Also reports the operating mode those commands change.
    /// </summary>
    public interface ICommandHandler
    {
        /// <summary>Performs the command; false with an error text when it cannot (e.g. "no-such-door").</summary>
        bool Execute(CommandMessage command, out string error);

        /// <summary>Current operating mode for the status message: "normal", "lockdown" or "released".</summary>
        string Mode { get; }
    }
}

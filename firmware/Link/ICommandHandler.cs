using DoorController.Contract;

namespace DoorController.Link
{
    /// <summary>
    /// Carries out authenticated remote commands that act on the doors or the device (unlock, lockdown, release,
    /// reboot); "resync" is handled by the link itself. Also reports, for the status message, the operating mode those
    /// commands change and the door's state (the link republishes the status whenever one of them changes).
    /// </summary>
    public interface ICommandHandler
    {
        /// <summary>Performs the command; false with an error text when it cannot (e.g. "no-such-door").</summary>
        bool Execute(CommandMessage command, out string error);

        /// <summary>Current operating mode for the status message: "normal", "lockdown" or "released".</summary>
        string Mode { get; }

        /// <summary>The door contact: "closed", "open", "held" or "forced" (always one of these constant strings).</summary>
        string DoorState { get; }

        /// <summary>The lock relay: "locked" or "unlocked".</summary>
        string LockState { get; }

        /// <summary>The second door's contact and lock, as <see cref="DoorState"/> and <see cref="LockState"/>; null on a
        /// controller with one door.</summary>
        string Door2State { get; }
        string Lock2State { get; }

        /// <summary>The second door's mode, as <see cref="Mode"/> (a command naming one door sets that door's only); null
        /// on a controller with one door.</summary>
        string Mode2 { get; }

        /// <summary>The server's numbers of the doors the states above describe (door.id, door2.id; 0: none), so the
        /// server shows each state at the right door.</summary>
        int DoorId { get; }
        int Door2Id { get; }
    }
}

namespace DoorController.Provisioning
{
    /// <summary>Whole-device actions behind `reboot` and `factory-reset`.</summary>
    public interface IConsoleDeviceControl
    {
        /// <summary>False where nothing can restart the controller; `reboot` then says so instead of "ok".</summary>
        bool CanReboot { get; }

        /// <summary>Restarts the controller (after the console has sent its reply); false when not possible.</summary>
        bool Reboot();

        /// <summary>Erases everything but the configuration (credential cache, journal); false with the reason.</summary>
        bool EraseData(out string error);
    }
}

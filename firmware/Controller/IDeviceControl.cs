namespace DoorController.Controller
{
    /// <summary>What only the platform can do to the controller itself.</summary>
    public interface IDeviceControl
    {
        /// <summary>Restarts the controller (the device reboots; a virtual controller restarts its firmware).</summary>
        void Reboot();
    }
}

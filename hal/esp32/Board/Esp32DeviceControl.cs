using DoorController.Controller;
using nanoFramework.Runtime.Native;

namespace DoorController.Esp32.Board
{
    /// <summary>Reboots the board; the relay is driven safe again by the boot sequence before anything else runs.</summary>
    public sealed class Esp32DeviceControl : IDeviceControl
    {
        public void Reboot()
        {
            Power.RebootDevice();
        }
    }
}

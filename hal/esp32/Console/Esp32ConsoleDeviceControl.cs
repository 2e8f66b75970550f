using System;
using DoorController.Config;
using DoorController.Provisioning;
using nanoFramework.Runtime.Native;

namespace DoorController.Hal.Esp32
{
    /// <summary>
    /// `reboot` and `factory-reset` on the ESP32: a reboot is Power.RebootDevice; erasing data deletes every file
    /// on the flash volume except the configuration, which the console erases itself (credential cache,
    /// journal segments, sync state). The console reboots right after, so no component reopens them.
    /// </summary>
    public sealed class Esp32ConsoleDeviceControl : IConsoleDeviceControl
    {
        private readonly IFileStore _files;

        public Esp32ConsoleDeviceControl(IFileStore files)
        {
            _files = files;
        }

        public bool CanReboot
        {
            get { return true; }
        }

        public bool Reboot()
        {
            Power.RebootDevice();
            return true;
        }

        public bool EraseData(out string error)
        {
            error = null;
            try
            {
                string[] names = _files.List("");
                for (int i = 0; i < names.Length; i++)
                {
                    if (names[i] != ConfigStore.FileName)
                    {
                        _files.Delete(names[i]);
                    }
                }
                return true;
            }
            catch (Exception e)
            {
                error = e.Message;
                return false;
            }
        }
    }
}

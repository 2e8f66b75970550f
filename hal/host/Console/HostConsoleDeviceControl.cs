using System;
using DoorController.Provisioning;

namespace DoorController.Hal.Host
{
    /// <summary>
    /// `reboot` and `factory-reset` for a host-run controller: a reboot is a flag the <see cref="HostConsoleServer"/>
    /// acts on by booting again from the stored configuration; erasing other data is delegated to whoever wires it.
    /// </summary>
    public sealed class HostConsoleDeviceControl : IConsoleDeviceControl
    {
        private volatile bool _rebootRequested;

        /// <summary>Erases the cache, journal... of the host controller; returns an error text or null.</summary>
        public Func<string> EraseOtherData { get; set; }

        public bool CanReboot => true;

        public bool RebootRequested => _rebootRequested;

        public bool Reboot()
        {
            _rebootRequested = true;
            return true;
        }

        public void ClearRebootRequest()
        {
            _rebootRequested = false;
        }

        public bool EraseData(out string error)
        {
            error = EraseOtherData == null ? null : EraseOtherData();
            return error == null;
        }
    }
}

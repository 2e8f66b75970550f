namespace DoorController.Contract
{
    /// <summary>
    /// Why the controller restarted (<see cref="BootEvent.ResetReason"/>, "reset-reason" in the event JSON). nanoFramework
    /// does not expose the ESP32's own reset cause, so the firmware records the restarts it asks for itself before it
    /// asks; anything else (power cut, brown-out, crash, watchdog) is <see cref="Unexpected"/>.
    /// </summary>
    public static class ResetReasons
    {
        /// <summary>Not asked for by the firmware: power on, power cut, brown-out, crash or watchdog.</summary>
        public const int Unexpected = 0;

        /// <summary>A signed remote "reboot" command.</summary>
        public const int RemoteCommand = 1;

        /// <summary>A technician's "reboot" (or factory reset) at the console.</summary>
        public const int Console = 2;

        public static string Name(int reason)
        {
            switch (reason)
            {
                case RemoteCommand: return "remote-command";
                case Console: return "console";
                default: return "unexpected";
            }
        }
    }
}

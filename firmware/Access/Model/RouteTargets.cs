namespace DoorController.Access
{
    /// <summary>
    /// Bit flags naming where a fraud notification goes (Fig 9B). Plain int constants, not a [Flags] enum, so
    /// testing a bit never boxes on the device. Values are stable (on the wire).
    /// </summary>
    public static class RouteTargets
    {
        public const int None = 0;
        /// <summary>Error text on the reader's own display.</summary>
        public const int DoorDisplay = 1;
        /// <summary>Audio guidance / buzzer at the door.</summary>
        public const int Sound = 2;
        public const int GuardTerminal = 4;
        public const int Manager = 8;
        /// <summary>The employee who invited the guest (<see cref="User.InviterId"/>).</summary>
        public const int InvitingEmployee = 16;
        /// <summary>Send a locking signal to the door's locking/unlocking device.</summary>
        public const int LockSignal = 32;

        public static bool Has(int targets, int flag)
        {
            return (targets & flag) != 0;
        }
    }
}

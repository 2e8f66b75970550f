namespace DoorController.Contract
{
    /// <summary>
    /// The remote commands a controller carries out (dc/v1/dev/&lt;id&gt;/cmd), named once for the server that issues
    /// them and the controller that runs them.
    /// </summary>
    public static class CommandNames
    {
        public const string Unlock = "unlock";
        public const string Lockdown = "lockdown";
        public const string Release = "release";
        public const string Normal = "normal";
        public const string Resync = "resync";
        public const string Reboot = "reboot";

        /// <summary>The commands that act on the door or the controller itself (everything but <see cref="Resync"/>, which the link runs).</summary>
        public static bool IsDeviceCommand(string name)
        {
            return name == Unlock || name == Lockdown || name == Release || name == Normal || name == Reboot;
        }
    }
}

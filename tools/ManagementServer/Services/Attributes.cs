namespace DoorController.Server.Services
{
    /// <summary>User attributes (Fig 3A "position") and the other closed vocabularies of the API.</summary>
    public static class Vocabulary
    {
        public static readonly string[] Attributes = { "employee", "guard", "guest", "resident", "contractor", "delivery" };
        public static readonly string[] Usages = { "entry", "exit", "both" };
        public static readonly string[] Channels = { "mqtt", "webhook" };
        /// <summary>The commands an operator may issue, by the controller's own names (firmware/Contract CommandNames):
        /// the door commands, and resync (the controller asks for its cache at once instead of at its next sync).</summary>
        public static readonly string[] Commands =
        {
            DoorController.Contract.CommandNames.Unlock, DoorController.Contract.CommandNames.Lockdown,
            DoorController.Contract.CommandNames.Release, DoorController.Contract.CommandNames.Normal,
            DoorController.Contract.CommandNames.Resync,
        };
        public static readonly string[] AdminRoles = { "admin", "guard" };

        public static bool Contains(string[] set, string value)
        {
            return value != null && System.Array.IndexOf(set, value) >= 0;
        }
    }
}

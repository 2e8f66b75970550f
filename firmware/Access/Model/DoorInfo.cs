namespace DoorController.Access
{
    /// <summary>
    /// A door, gate or flapper with its locking/unlocking device. Without a door contact presence is committed on
    /// grant; with one it is committed only when the door is actually opened (tailgate-safe).
    /// </summary>
    public sealed class DoorInfo
    {
        public int Id;
        public string Name;
        public bool HasDoorContact;
        /// <summary>How long the lock stays released on a grant; 0 uses the pipeline default.</summary>
        public int UnlockMilliseconds;
        /// <summary>Office mode (first-person-in): during these windows (site-local time) an entry by an
        /// <see cref="User.OfficeModeHolder"/> holds the door unlocked until the window ends. Null: never.</summary>
        public TimeWindow[] OfficeModeWindows;

        public DoorInfo()
        {
        }

        public DoorInfo(int id, string name, bool hasDoorContact, int unlockMilliseconds)
        {
            Id = id;
            Name = name;
            HasDoorContact = hasDoorContact;
            UnlockMilliseconds = unlockMilliseconds;
        }
    }
}

namespace DoorController.Door
{
    /// <summary>Why office mode ended. Values are stable: they are journalled and sent upstream.</summary>
    public enum OfficeModeEnd
    {
        /// <summary>The office-mode window ended: the door relocked on time.</summary>
        WindowEnded = 0,
        /// <summary>A lockdown overrode it; it stays ended after the lockdown until a designated person enters again.</summary>
        Lockdown = 1,
        /// <summary>The door went to its safe state (boot, a fault): locked until the next designated entry.</summary>
        Safe = 2,
    }
}

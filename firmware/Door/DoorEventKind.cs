namespace DoorController.Door
{
    /// <summary>What the door reports. Numeric values are stable: they are journaled and sent upstream.</summary>
    public enum DoorEventKind
    {
        None = 0,

        /// <summary>The door opened during (or just after) the unlock of grant <see cref="DoorEvent.GrantId"/>; the decision core commits presence on this.</summary>
        OpenedAfterGrant = 1,

        /// <summary>The door opened after a request-to-exit.</summary>
        OpenedByExit = 2,

        /// <summary>The door opened while released, or a second time during the same unlock.</summary>
        OpenedWhileUnlocked = 3,

        /// <summary>The door opened with no grant, no exit request and no release.</summary>
        Forced = 4,

        /// <summary>The door stayed open longer than allowed.</summary>
        HeldOpen = 5,

        /// <summary>A held-open door closed.</summary>
        HeldOpenCleared = 6,

        Closed = 7,

        /// <summary>Writing the lock relay failed.</summary>
        RelayFault = 8,

        /// <summary>The request-to-exit button was pressed.</summary>
        ExitRequested = 9,

        /// <summary>Grant <see cref="DoorEvent.GrantId"/> relocked without the door being opened: nobody passed.</summary>
        GrantUnused = 10,

        /// <summary>A grant was refused: <see cref="DoorEvent.Detail"/> 0 in lockdown, <see cref="DoorStateMachine.RefusedByInterlock"/>
        /// while the interlocked door was not closed and locked.</summary>
        GrantRefused = 11,

        /// <summary>The mode changed; <see cref="DoorEvent.Detail"/> is the new <see cref="DoorMode"/>.</summary>
        ModeChanged = 12,

        /// <summary>The door tick threw; the relay was driven to its locked state.</summary>
        Fault = 13,
        /// <summary>Office mode began (first-person-in); <see cref="DoorEvent.Detail"/> is its length in seconds.</summary>
        OfficeModeStarted = 14,
        /// <summary>Office mode ended; <see cref="DoorEvent.Detail"/> is the <see cref="OfficeModeEnd"/>.</summary>
        OfficeModeEnded = 15,
        /// <summary>The request-to-exit button was pressed while the interlocked door was not closed and locked: the
        /// lock stays locked and an opening now is forced.</summary>
        ExitRefused = 16,
    }
}

namespace DoorController.Door
{
    /// <summary>Stable text names for door events and modes (the device cannot ToString an enum).</summary>
    public static class DoorEventText
    {
        public static string Of(DoorEventKind kind)
        {
            switch (kind)
            {
                case DoorEventKind.OpenedAfterGrant: return "opened-after-grant";
                case DoorEventKind.OpenedByExit: return "opened-by-exit";
                case DoorEventKind.OpenedWhileUnlocked: return "opened-while-unlocked";
                case DoorEventKind.Forced: return "forced-open";
                case DoorEventKind.HeldOpen: return "held-open";
                case DoorEventKind.HeldOpenCleared: return "held-open-cleared";
                case DoorEventKind.Closed: return "closed";
                case DoorEventKind.RelayFault: return "relay-fault";
                case DoorEventKind.ExitRequested: return "exit-requested";
                case DoorEventKind.GrantUnused: return "grant-unused";
                case DoorEventKind.GrantRefused: return "grant-refused";
                case DoorEventKind.ModeChanged: return "mode-changed";
                case DoorEventKind.Fault: return "fault";
                case DoorEventKind.OfficeModeStarted: return "office-mode-started";
                case DoorEventKind.OfficeModeEnded: return "office-mode-ended";
                case DoorEventKind.ExitRefused: return "exit-refused";
                default: return "none";
            }
        }

        public static string Of(DoorMode mode)
        {
            switch (mode)
            {
                case DoorMode.Lockdown: return "lockdown";
                case DoorMode.Release: return "release";
                default: return "normal";
            }
        }

        /// <summary>Parses a mode name from configuration or a command; false for anything unknown.</summary>
        public static bool TryParseMode(string text, out DoorMode mode)
        {
            mode = DoorMode.Normal;
            if (text == "normal") return true;
            if (text == "lockdown") { mode = DoorMode.Lockdown; return true; }
            if (text == "release") { mode = DoorMode.Release; return true; }
            return false;
        }
    }
}

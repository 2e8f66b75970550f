namespace DoorController.Contract
{
    /// <summary>Wire names of <see cref="EventType"/> (snake_case, as in the MQTT events catalogue).</summary>
    public static class EventTypeNames
    {
        public static string ToName(EventType type)
        {
            switch (type)
            {
                case EventType.AccessDecision: return "access_decision";
                case EventType.DoorForced: return "door_forced";
                case EventType.DoorHeldOpen: return "door_held_open";
                case EventType.RelayFault: return "relay_fault";
                case EventType.Tamper: return "tamper";
                case EventType.Boot: return "boot";
                case EventType.CacheApplied: return "cache_applied";
                case EventType.ConsoleLogin: return "console_login";
                case EventType.JournalOverflow: return "journal_overflow";
                case EventType.ClockSet: return "clock_set";
                case EventType.DoorOpened: return "door_opened";
                case EventType.GrantUnused: return "grant_unused";
                case EventType.OfficeMode: return "office_mode";
                case EventType.InterlockRefused: return "interlock_refused";
                default: return "unknown";
            }
        }

        /// <summary>Inverse of <see cref="ToName"/>; false for an unknown name.</summary>
        public static bool TryParse(string name, out EventType type)
        {
            for (int value = 1; value <= (int)EventType.InterlockRefused; value++)
            {
                if (ToName((EventType)value) == name)
                {
                    type = (EventType)value;
                    return true;
                }
            }
            type = EventType.None;
            return false;
        }
    }
}

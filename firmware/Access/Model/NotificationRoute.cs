namespace DoorController.Access
{
    /// <summary>
    /// Notification information per attribute and reader (Fig 9B "P1", "P2", "P3"): where a fraud determination
    /// is sent and what the door shows and plays.
    /// </summary>
    public sealed class NotificationRoute
    {
        public int Id;
        /// <summary>Label such as "P1".</summary>
        public string Name;
        /// <summary><see cref="RouteTargets"/> bits.</summary>
        public int Targets;
        /// <summary>Text for the reader's display; null for the default error text.</summary>
        public string DisplayText;
        /// <summary>Sound pattern number for the door's buzzer or speaker; 0 = none.</summary>
        public int SoundPattern;

        public NotificationRoute()
        {
        }

        public NotificationRoute(int id, string name, int targets, string displayText, int soundPattern)
        {
            Id = id;
            Name = name;
            Targets = targets;
            DisplayText = displayText;
            SoundPattern = soundPattern;
        }

        public bool Has(int target)
        {
            return (Targets & target) != 0;
        }
    }
}

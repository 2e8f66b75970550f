using DoorController.Door;

namespace DoorController.Hal.Host.Sim
{
    /// <summary>
    /// The pins of one simulated door: lock relay, door contact (high = open), exit button (low = pressed), reader
    /// LED and buzzer, wired the way <see cref="DoorSettings"/> defaults expect. The relay starts at the unlocked
    /// level on purpose, so a virtual controller that forgets DoorDriver.Boot() is caught.
    /// </summary>
    public sealed class SimDoorHardware
    {
        private readonly DoorSettings _settings;

        public SimDoorHardware(DoorSettings settings)
        {
            _settings = settings;
            Relay = new SimOutputPin("relay", settings.RelayLevelFor(true));
            Contact = new SimInputPin("door-contact", !settings.ContactOpenLevel);
            ExitButton = new SimInputPin("exit-button", !settings.RexPressedLevel);
            Led = new SimOutputPin("led", !settings.LedActiveHigh);
            Buzzer = new SimOutputPin("buzzer", !settings.BuzzerActiveHigh);
        }

        public SimOutputPin Relay { get; }
        public SimInputPin Contact { get; }
        public SimInputPin ExitButton { get; }
        public SimOutputPin Led { get; }
        public SimOutputPin Buzzer { get; }

        public bool LockIsUnlocked => Relay.Level == _settings.RelayLevelFor(true);
        public bool LedIsOn => Led.Level == _settings.LedActiveHigh;
        public bool BuzzerIsOn => Buzzer.Level == _settings.BuzzerActiveHigh;

        public void OpenDoor() => Contact.Set(_settings.ContactOpenLevel);
        public void CloseDoor() => Contact.Set(!_settings.ContactOpenLevel);
        public void PressExit() => ExitButton.Set(_settings.RexPressedLevel);
        public void ReleaseExit() => ExitButton.Set(!_settings.RexPressedLevel);

        /// <summary>A driver bound to these pins (call Boot() on it before anything else).</summary>
        public DoorDriver CreateDriver(DoorStateMachine machine, IClock clock)
        {
            return new DoorDriver(machine, _settings, clock, Relay, Contact, ExitButton, Led, Buzzer);
        }
    }
}

using System;
using System.Collections;
using DoorController.Door;
using DoorController.Tests.Support;

namespace DoorController.Tests.Door
{
    /// <summary>
    /// A door on fake pins and a manual clock: contact (high = open), exit button (low = pressed), relay, LED,
    /// buzzer. <see cref="Run"/> advances time in 10 ms ticks like the main loop.
    /// </summary>
    public sealed class DoorRig
    {
        public const int TickMilliseconds = 10;

        public readonly ManualClock Clock = new ManualClock(new DateTime(2026, 11, 21, 8, 0, 0));
        public readonly DoorSettings Settings;
        public readonly FakeOutput Relay;
        public readonly FakeInput Contact = new FakeInput(false);
        public readonly FakeInput ExitButton = new FakeInput(true);
        public readonly FakeOutput Led = new FakeOutput(false);
        public readonly FakeOutput Buzzer = new FakeOutput(false);
        public DoorStateMachine Machine;
        public DoorDriver Driver;
        private readonly ArrayList _events = new ArrayList();

        public DoorRig() : this(LockPolarity.FailSecure, true)
        {
        }

        public DoorRig(LockPolarity polarity, bool relayActiveHigh)
        {
            Settings = new DoorSettings();
            Settings.Polarity = polarity;
            Settings.RelayActiveHigh = relayActiveHigh;
            // Start with the relay at the unlocked level, as if left there by a crash.
            Relay = new FakeOutput(Settings.RelayLevelFor(true));
            Reboot();
        }

        /// <summary>A new machine and driver on the same pins (what a watchdog reset or power cycle does), then Boot.</summary>
        public void Reboot()
        {
            Machine = new DoorStateMachine(Settings, Clock);
            Driver = new DoorDriver(Machine, Settings, Clock, Relay, Contact, ExitButton, Led, Buzzer);
            Driver.Boot();
            // The first tick takes the inputs as they are (nothing at boot is an event); tests act after it.
            Run(TickMilliseconds);
        }

        public bool Unlocked
        {
            get { return Relay.Level == Settings.RelayLevelFor(true); }
        }

        public void Run(long milliseconds)
        {
            for (long t = 0; t < milliseconds; t += TickMilliseconds)
            {
                Clock.Advance(TickMilliseconds);
                Driver.Tick();
            }
        }

        public void OpenDoor()
        {
            Contact.Level = true;
            Run(100);
        }

        public void CloseDoor()
        {
            Contact.Level = false;
            Run(100);
        }

        public void PressExit()
        {
            ExitButton.Level = false;
            Run(100);
            ExitButton.Level = true;
            Run(100);
        }

        /// <summary>Moves all queued events into the rig's list.</summary>
        public void Drain()
        {
            DoorEvent e;
            while (Machine.Events.TryDequeue(out e))
            {
                _events.Add(e);
            }
        }

        public int CountOf(DoorEventKind kind)
        {
            Drain();
            int n = 0;
            foreach (object o in _events)
            {
                if (((DoorEvent)o).Kind == kind) n++;
            }
            return n;
        }

        /// <summary>Grant id of the first event of <paramref name="kind"/>, or -1.</summary>
        public int GrantIdOf(DoorEventKind kind)
        {
            Drain();
            foreach (object o in _events)
            {
                DoorEvent e = (DoorEvent)o;
                if (e.Kind == kind) return e.GrantId;
            }
            return -1;
        }

        public void ClearEvents()
        {
            Drain();
            _events.Clear();
        }
    }
}

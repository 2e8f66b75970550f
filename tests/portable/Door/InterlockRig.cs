using System;
using DoorController.Door;
using DoorController.Tests.Support;

namespace DoorController.Tests.Door
{
    /// <summary>
    /// Two interlocked doors on fake pins and one manual clock, ticked one after the other in 10 ms steps like the
    /// controller's main loop. Door index 0 or 1; contact high = open, exit button low = pressed.
    /// </summary>
    public sealed class InterlockRig
    {
        public const int TickMilliseconds = 10;

        public readonly ManualClock Clock = new ManualClock(new DateTime(2026, 11, 21, 8, 0, 0));
        public readonly DoorSettings[] Settings = new DoorSettings[2];
        public readonly FakeOutput[] Relay = new FakeOutput[2];
        public readonly FakeInput[] Contact = new FakeInput[2];
        public readonly FakeInput[] ExitButton = new FakeInput[2];
        public readonly DoorStateMachine[] Machine = new DoorStateMachine[2];
        public readonly DoorDriver[] Driver = new DoorDriver[2];
        public readonly DoorInterlock Interlock;

        /// <summary>Set when a tick ever left both relays at their released level.</summary>
        public bool BothEverReleased;

        public InterlockRig()
        {
            for (int i = 0; i < 2; i++)
            {
                Settings[i] = new DoorSettings();
                Relay[i] = new FakeOutput(Settings[i].RelayLevelFor(false));
                Contact[i] = new FakeInput(false);
                ExitButton[i] = new FakeInput(true);
                Machine[i] = new DoorStateMachine(Settings[i], Clock);
                Driver[i] = new DoorDriver(Machine[i], Settings[i], Clock, Relay[i], Contact[i], ExitButton[i], null, null);
                Driver[i].Boot();
            }
            Interlock = new DoorInterlock(Driver[0], Driver[1]);
            Run(TickMilliseconds);
        }

        public bool Unlocked(int door)
        {
            return Relay[door].Level == Settings[door].RelayLevelFor(true);
        }

        /// <summary>Advances time; after each door's tick checks that the two relays are not both released.</summary>
        public void Run(long milliseconds)
        {
            for (long t = 0; t < milliseconds; t += TickMilliseconds)
            {
                Clock.Advance(TickMilliseconds);
                for (int i = 0; i < 2; i++)
                {
                    Driver[i].Tick();
                    if (Unlocked(0) && Unlocked(1))
                    {
                        BothEverReleased = true;
                    }
                }
            }
        }

        public void Open(int door)
        {
            Contact[door].Level = true;
            Run(100);
        }

        public void Close(int door)
        {
            Contact[door].Level = false;
            Run(100);
        }

        public void PressExit(int door)
        {
            ExitButton[door].Level = false;
            Run(100);
            ExitButton[door].Level = true;
            Run(100);
        }

        /// <summary>How many events of <paramref name="kind"/> door <paramref name="door"/> queued (drains its queue);
        /// with <paramref name="detail"/> &gt;= 0 only those with that detail.</summary>
        public int Count(int door, DoorEventKind kind, int detail)
        {
            int n = 0;
            DoorEvent e;
            while (Machine[door].Events.TryDequeue(out e))
            {
                if (e.Kind == kind && (detail < 0 || e.Detail == detail)) n++;
            }
            return n;
        }
    }
}

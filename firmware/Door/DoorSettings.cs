using DoorController.Core;

namespace DoorController.Door
{
    /// <summary>
    /// Door configuration with safe defaults. Fields and properties the console/config loader sets; the state
    /// machine reads them on every tick, so a change applies at once.
    /// </summary>
    public sealed class DoorSettings
    {
        /// <summary>Shortest and longest unlock the machine accepts from a grant, whatever the caller asks.</summary>
        public const int MinimumUnlockMilliseconds = 500;
        public const int MaximumUnlockMilliseconds = 120000;

        // The yes/no settings are bits of one field: nanoCLR gives every field a 12-byte heap block (docs/hardware.md).
        private int _flags = RelayActiveHighBit | RelockWhenClosedBit | ContactOpenLevelBit | RexUnlocksBit | RexUnlocksInLockdownBit;
        private const int RelayActiveHighBit = 1;
        private const int RelockWhenClosedBit = 1 << 1;
        private const int ContactOpenLevelBit = 1 << 2;
        private const int RexPressedLevelBit = 1 << 3;
        private const int RexUnlocksBit = 1 << 4;
        private const int RexUnlocksInLockdownBit = 1 << 5;
        private const int LockMonitorLockedLevelBit = 1 << 6;
        private const int LedActiveHighBit = 1 << 7;
        private const int BuzzerActiveHighBit = 1 << 8;

        public LockPolarity Polarity = LockPolarity.FailSecure;

        /// <summary>True if the relay module energises on a high pin (many cheap modules are active-low).</summary>
        public bool RelayActiveHigh
        {
            get { return Bits.Has(_flags, RelayActiveHighBit); }
            set { _flags = Bits.With(_flags, RelayActiveHighBit, value); }
        }

        public int UnlockMilliseconds = 5000;

        /// <summary>Unlock time for users who need longer (wheelchair, walking aid), chosen by the grant.</summary>
        public int ExtendedUnlockMilliseconds = 20000;

        /// <summary>How long the door may stand open before the held-open alarm.</summary>
        public int HeldOpenMilliseconds = 30000;

        /// <summary>Held-open limit after an extended-access grant.</summary>
        public int ExtendedHeldOpenMilliseconds = 90000;

        /// <summary>
        /// An opening this soon after the unlock ended still counts as the grant's: strikes release a little late and
        /// people push as the relay clicks back, which must not page a guard as "forced".
        /// </summary>
        public int ForcedGraceMilliseconds = 1500;

        /// <summary>Relock as soon as the door closes after the grant's opening, so a second person cannot follow.</summary>
        public bool RelockWhenClosed
        {
            get { return Bits.Has(_flags, RelockWhenClosedBit); }
            set { _flags = Bits.With(_flags, RelockWhenClosedBit, value); }
        }

        /// <summary>Level of the door contact input when the door is open (NC reed to ground with pull-up: high = open).</summary>
        public bool ContactOpenLevel
        {
            get { return Bits.Has(_flags, ContactOpenLevelBit); }
            set { _flags = Bits.With(_flags, ContactOpenLevelBit, value); }
        }

        /// <summary>A contact change must stay this long to count (reed bounce, door rattle in wind).</summary>
        public int ContactDebounceMilliseconds = 50;

        /// <summary>Level of the request-to-exit input when pressed (button to ground with pull-up: low = pressed).</summary>
        public bool RexPressedLevel
        {
            get { return Bits.Has(_flags, RexPressedLevelBit); }
            set { _flags = Bits.With(_flags, RexPressedLevelBit, value); }
        }

        public int RexDebounceMilliseconds = 50;

        /// <summary>An opening within this time after an exit request is an exit, not forced.</summary>
        public int RexWindowMilliseconds = 10000;

        /// <summary>Whether the exit button also pulses the lock (needed for maglocks; strikes often have mechanical egress).</summary>
        public bool RexUnlocks
        {
            get { return Bits.Has(_flags, RexUnlocksBit); }
            set { _flags = Bits.With(_flags, RexUnlocksBit, value); }
        }

        public int RexUnlockMilliseconds = 5000;

        /// <summary>Exit requests still unlock during lockdown: lockdown keeps people out, never in.</summary>
        public bool RexUnlocksInLockdown
        {
            get { return Bits.Has(_flags, RexUnlocksInLockdownBit); }
            set { _flags = Bits.With(_flags, RexUnlocksInLockdownBit, value); }
        }

        /// <summary>Level of the optional lock monitor input (strike latch / maglock bond sensor) when it reports locked.</summary>
        public bool LockMonitorLockedLevel
        {
            get { return Bits.Has(_flags, LockMonitorLockedLevelBit); }
            set { _flags = Bits.With(_flags, LockMonitorLockedLevelBit, value); }
        }

        /// <summary>The lock monitor may disagree with the relay this long (lock travel, bond build-up) before it is a fault.</summary>
        public int LockMonitorMismatchMilliseconds = 1500;

        /// <summary>Reader LED and buzzer wires are usually pulled to ground to switch on.</summary>
        public bool LedActiveHigh
        {
            get { return Bits.Has(_flags, LedActiveHighBit); }
            set { _flags = Bits.With(_flags, LedActiveHighBit, value); }
        }
        public bool BuzzerActiveHigh
        {
            get { return Bits.Has(_flags, BuzzerActiveHighBit); }
            set { _flags = Bits.With(_flags, BuzzerActiveHighBit, value); }
        }

        /// <summary>The electrical relay level that leaves the lock in the requested state, for this polarity.</summary>
        public bool RelayLevelFor(bool unlocked)
        {
            bool energised = Polarity == LockPolarity.FailSecure ? unlocked : !unlocked;
            return energised == RelayActiveHigh;
        }
    }
}

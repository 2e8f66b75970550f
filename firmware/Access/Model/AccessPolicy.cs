namespace DoorController.Access
{
    /// <summary>
    /// Fraud detection information per reader and attribute (Fig 9A): which checks run and what a failed
    /// entry/exit condition means. A guard at G1 has both fraud flags off; a guest at conference room G3 is
    /// judged on entry only, so leaving G3 without an entry record is allowed.
    /// </summary>
    public sealed class AccessPolicy
    {
        /// <summary>Default schedule distance threshold (the patent's example, 100 m).</summary>
        public const int DefaultScheduleThresholdMetres = 100;
        public const int DefaultScheduleWindowMinutes = 30;
        /// <summary>Typical walking speed; faster movement between two readings is implausible.</summary>
        public const double DefaultWalkingMetresPerSecond = 1.5;

        /// <summary>False: this attribute may not use this reader at all.</summary>
        public bool Allowed = true;
        public ApbMode Apb = ApbMode.Hard;
        /// <summary>For <see cref="ApbMode.Timed"/>: a presence older than this no longer blocks.</summary>
        public int TimedApbSeconds;
        /// <summary>An unmet entry condition (second entry without exit) counts as fraud.</summary>
        public bool FraudOnEntry = true;
        /// <summary>An unmet exit condition (exit without entry) counts as fraud.</summary>
        public bool FraudOnExit = true;
        public CheckMode Schedule = CheckMode.Off;
        public int ScheduleThresholdMetres = DefaultScheduleThresholdMetres;
        /// <summary>Events starting or ending within this many minutes of now are considered.</summary>
        public int ScheduleWindowMinutes = DefaultScheduleWindowMinutes;
        public CheckMode Travel = CheckMode.Off;
        public double TravelMaxMetresPerSecond = DefaultWalkingMetresPerSecond;
        /// <summary>
        /// Beyond this distance people ride trains and planes, so walking speed would flag every trip: the
        /// long-distance speed applies instead (an hour from an Okinawa hotel to Tokyo is still impossible).
        /// </summary>
        public int TravelLongDistanceMetres = 5000;
        /// <summary>About an airliner's cruising speed (900 km/h).</summary>
        public double TravelMaxLongDistanceMetresPerSecond = 250;
        /// <summary>Position error tolerated before speed is computed (GPS, reader placement).</summary>
        public int TravelToleranceMetres = 20;

        /// <summary>The fraud flag for a failed condition in <paramref name="direction"/> (S217).</summary>
        public bool IsFraud(Direction direction)
        {
            return direction == Direction.Exit ? FraudOnExit : FraudOnEntry;
        }

        public AccessPolicy WithApb(ApbMode mode, bool fraudOnEntry, bool fraudOnExit)
        {
            Apb = mode;
            FraudOnEntry = fraudOnEntry;
            FraudOnExit = fraudOnExit;
            return this;
        }
    }
}

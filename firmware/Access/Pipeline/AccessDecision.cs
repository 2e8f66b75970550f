using DoorController.Core;

namespace DoorController.Access
{
    /// <summary>
    /// Determination result information (S117 / S218). Preallocated and reused: the pipeline overwrites every
    /// field on each decision, so copy out what must outlive the next one. The journal and MQTT layers serialise
    /// these fields; codes and enum numbers are stable.
    /// </summary>
    public sealed class AccessDecision
    {
        // The yes/no fields are bits of one: nanoCLR gives every field a 12-byte heap block, and the controller keeps
        // this object for its life (docs/hardware.md).
        private int _flags;
        private const int AllowedBit = 1;
        private const int FraudBit = 1 << 1;
        private const int PendingRetroCheckBit = 1 << 2;
        private const int ExtendedAccessBit = 1 << 3;
        private const int DuressBit = 1 << 4;
        private const int FirstUseBit = 1 << 5;
        private const int CommitPendingBit = 1 << 6;
        private const int PresenceCommittedBit = 1 << 7;

        public bool Allowed
        {
            get { return Bits.Has(_flags, AllowedBit); }
            set { _flags = Bits.With(_flags, AllowedBit, value); }
        }

        /// <summary>The deciding rule when denied; <see cref="ReasonCode.Granted"/> when allowed.</summary>
        public ReasonCode Reason;
        /// <summary>The behaviour was judged fraudulent (S217), whether or not it was denied (soft APB allows).</summary>
        public bool Fraud
        {
            get { return Bits.Has(_flags, FraudBit); }
            set { _flags = Bits.With(_flags, FraudBit, value); }
        }

        /// <summary>The behaviour rule judged fraud (APB, schedule, travel); Granted when none.</summary>
        public ReasonCode FraudRule;
        /// <summary>A rule that failed but the attribute's policy does not count as fraud (guard, guest leaving G3).</summary>
        public ReasonCode ExcusedRule;
        public Direction Direction;
        public DecisionMode Mode;
        /// <summary>Offline: checks in <see cref="ChecksSkipped"/> must be re-run once events are synchronised.</summary>
        public bool PendingRetroCheck
        {
            get { return Bits.Has(_flags, PendingRetroCheckBit); }
            set { _flags = Bits.With(_flags, PendingRetroCheckBit, value); }
        }

        public int ChecksRun;
        public int ChecksSkipped;

        public long AtUnix;
        public int ReaderId;
        public int DoorId;
        public int UserId;
        public UserAttribute Attribute;
        /// <summary>For guests, who invited them (route target InvitingEmployee).</summary>
        public int InviterId;
        public CredentialMethod Method;
        public readonly byte[] CredentialHash = new byte[CredentialHasher.HashLength];
        /// <summary>The area this passage enters or leaves, and the one on its other side (0 = outside).</summary>
        public int AreaId;
        public int OuterAreaId;

        /// <summary>Fig 9B route to notify; null when there is nothing to notify.</summary>
        public NotificationRoute Route;
        /// <summary><see cref="RouteTargets"/> bits of <see cref="Route"/> (0 when none).</summary>
        public int RouteTargetBits;
        /// <summary>How long to release the lock; 0 when denied.</summary>
        public int UnlockMilliseconds;
        /// <summary>Granted to a person with extended access: the door also allows the longer held-open time.</summary>
        public bool ExtendedAccess
        {
            get { return Bits.Has(_flags, ExtendedAccessBit); }
            set { _flags = Bits.With(_flags, ExtendedAccessBit, value); }
        }

        /// <summary>The credential was the person's duress code: decided as their normal code, nothing at the door
        /// differs; the server raises a silent alert to the guards (on replay when decided offline).</summary>
        public bool Duress
        {
            get { return Bits.Has(_flags, DuressBit); }
            set { _flags = Bits.With(_flags, DuressBit, value); }
        }

        /// <summary>This grant was the first use of a one-time key or of a key that expires after its first use.</summary>
        public bool FirstUse
        {
            get { return Bits.Has(_flags, FirstUseBit); }
            set { _flags = Bits.With(_flags, FirstUseBit, value); }
        }

        /// <summary>First-person-in: a designated person's entry during the door's office-mode window; the door stays
        /// unlocked this many milliseconds from the decision, to the window's end (0: no office mode).</summary>
        public long OfficeModeMilliseconds;

        /// <summary>Granted at a door with a contact: presence changes only when the door opens (<see cref="AwaitedPassage"/>).</summary>
        public bool CommitPending
        {
            get { return Bits.Has(_flags, CommitPendingBit); }
            set { _flags = Bits.With(_flags, CommitPendingBit, value); }
        }

        public bool PresenceCommitted
        {
            get { return Bits.Has(_flags, PresenceCommittedBit); }
            set { _flags = Bits.With(_flags, PresenceCommittedBit, value); }
        }

        /// <summary>Clears every field for a new request.</summary>
        public void Reset(AccessRequest request)
        {
            Allowed = false;
            Reason = ReasonCode.InternalError;
            Fraud = false;
            FraudRule = ReasonCode.Granted;
            ExcusedRule = ReasonCode.Granted;
            Direction = Direction.Unknown;
            Mode = request.Mode;
            PendingRetroCheck = false;
            ChecksRun = 0;
            ChecksSkipped = 0;
            AtUnix = request.AtUnix;
            ReaderId = request.ReaderId;
            DoorId = 0;
            UserId = 0;
            Attribute = UserAttribute.Unknown;
            InviterId = 0;
            Method = request.Method;
            System.Array.Copy(request.CredentialHash, CredentialHash, CredentialHasher.HashLength);
            AreaId = 0;
            OuterAreaId = 0;
            Route = null;
            RouteTargetBits = 0;
            UnlockMilliseconds = 0;
            ExtendedAccess = false;
            Duress = false;
            FirstUse = false;
            OfficeModeMilliseconds = 0;
            CommitPending = false;
            PresenceCommitted = false;
        }

        public void Deny(ReasonCode reason)
        {
            Allowed = false;
            Reason = reason;
            UnlockMilliseconds = 0;
            ExtendedAccess = false;
            CommitPending = false;
            OfficeModeMilliseconds = 0;
        }
    }
}

namespace DoorController.Access
{
    /// <summary>
    /// An authentication request (S111 / T31): which reader, the credential's keyed hash and method, an optional
    /// direction chosen by the user or phone, the time, and whether the decider is online. Reused between
    /// requests: fill it in place (the hash buffer is preallocated).
    /// </summary>
    public sealed class AccessRequest
    {
        public int ReaderId;
        public CredentialMethod Method;
        /// <summary>Keyed hash of method byte + raw value (<see cref="CredentialHasher"/>), 16 bytes.</summary>
        public readonly byte[] CredentialHash = new byte[CredentialHasher.HashLength];
        /// <summary>Direction stated in the request (Fig 6B, or a user's enter/exit button); Unknown if none.</summary>
        public Direction RequestedDirection;
        /// <summary>UTC unix seconds of the read.</summary>
        public long AtUnix;
        public DecisionMode Mode = DecisionMode.Online;
        /// <summary>The decider does not know the time for sure (docs/time.md): only always-valid credentials may
        /// pass S113 (a credential the other S113 rules do not refuse is <see cref="ReasonCode.ClockNotSet"/>, before
        /// any key use is recorded).</summary>
        public bool TimeUncertain;
        /// <summary>Interlock (mantrap): the controller reports that the door paired with this reader's door is open or
        /// unlocked, so this one must stay locked (<see cref="InterlockCheck"/>). Only the controller sees its doors.</summary>
        public bool OtherDoorNotSecure;

        /// <summary>Sets every field but the hash; returns this for chaining.</summary>
        public AccessRequest Set(int readerId, CredentialMethod method, long atUnix, DecisionMode mode, Direction requested)
        {
            ReaderId = readerId;
            Method = method;
            AtUnix = atUnix;
            Mode = mode;
            RequestedDirection = requested;
            TimeUncertain = false;
            OtherDoorNotSecure = false;
            return this;
        }

        public void SetHash(byte[] hash, int offset)
        {
            System.Array.Copy(hash, offset, CredentialHash, 0, CredentialHasher.HashLength);
        }
    }
}

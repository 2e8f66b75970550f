using DoorController.Access;
using DoorController.Core;
using DoorController.Hal;
using DoorController.Contract;

namespace DoorController.Readers
{
    /// <summary>
    /// Verifies BLE advertisement tokens: our company id, signal strong enough to mean "at the door", HMAC, time
    /// step within the skew, and newer than the last one accepted for that user (a phone repeats the same
    /// advertisement many times a second; only the first counts, and a recorded one replayed later is refused).
    /// The signal check comes first so that far-away phones cost no HMAC. Thread-safe.
    /// </summary>
    public sealed class BleTokenVerifier
    {
        public const int DefaultReplayCapacity = 32;

        private readonly byte[] _siteKey;
        private readonly TokenFreshness _freshness;

        public ushort CompanyId = BleToken.DefaultCompanyId;

        /// <summary>Weaker than this (more negative) is refused. About -65 dBm is an arm's length from an ESP32 antenna.</summary>
        public int MinimumRssiDbm = -65;

        public int StepSeconds = BleToken.DefaultStepSeconds;
        public int AllowedSkewSteps = 1;

        public BleTokenVerifier(byte[] siteKey, IClock clock) : this(siteKey, clock, DefaultReplayCapacity)
        {
        }

        public BleTokenVerifier(byte[] siteKey, IClock clock, int replayCapacity)
        {
            _siteKey = siteKey;
            _freshness = new TokenFreshness(clock, replayCapacity);
        }

        /// <summary>Checks one advertisement's manufacturer data; never throws.</summary>
        public ReadOutcome Verify(ushort companyId, byte[] data, int rssiDbm, out uint userRef)
        {
            Direction hint;
            return Verify(companyId, data, rssiDbm, out userRef, out hint);
        }

        /// <summary>As above, also giving the direction the phone signed (Unknown unless accepted).</summary>
        public ReadOutcome Verify(ushort companyId, byte[] data, int rssiDbm, out uint userRef, out Direction hint)
        {
            userRef = 0;
            hint = Direction.Unknown;
            if (_siteKey == null || _siteKey.Length == 0)
            {
                return ReadOutcome.NotConfigured;
            }
            if (companyId != CompanyId)
            {
                return ReadOutcome.Malformed;
            }
            if (rssiDbm < MinimumRssiDbm)
            {
                return ReadOutcome.WeakSignal;
            }
            uint tokenRef;
            long step;
            Direction signedHint;
            if (!BleToken.TryParse(data, out tokenRef, out step, out signedHint))
            {
                return ReadOutcome.Malformed;
            }
            byte[] expected = BleToken.ComputeMac(TokenKeys.DeriveUserKey(_siteKey, TokenKeys.BlePurpose, tokenRef), data);
            if (!KeyedHash.FixedTimeEquals(expected, 0, data, BleToken.SignedLength, BleToken.MacLength))
            {
                return ReadOutcome.BadSignature;
            }
            ReadOutcome fresh = _freshness.Admit(tokenRef, step, StepSeconds, AllowedSkewSteps);
            if (fresh != ReadOutcome.Accepted)
            {
                return fresh;
            }
            userRef = tokenRef;
            hint = signedHint;
            return ReadOutcome.Accepted;
        }
    }
}

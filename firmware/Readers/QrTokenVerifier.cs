using System.Text;
using DoorController.Core;
using DoorController.Hal;
using DoorController.Contract;

namespace DoorController.Readers
{
    /// <summary>
    /// Verifies QR tokens offline: format, HMAC under the user's derived key, time step within the skew, and not
    /// used before. Thread-safe (the scanner delivers on the UART thread).
    /// </summary>
    public sealed class QrTokenVerifier
    {
        public const int DefaultReplayCapacity = 32;

        private readonly byte[] _siteKey;
        private readonly TokenFreshness _freshness;

        /// <summary>Seconds per step; the phone app must use the same.</summary>
        public int StepSeconds = QrToken.DefaultStepSeconds;

        /// <summary>Steps accepted either side of the controller's (clock skew between phone and controller).</summary>
        public int AllowedSkewSteps = 1;

        public QrTokenVerifier(byte[] siteKey, IClock clock) : this(siteKey, clock, DefaultReplayCapacity)
        {
        }

        public QrTokenVerifier(byte[] siteKey, IClock clock, int replayCapacity)
        {
            _siteKey = siteKey;
            _freshness = new TokenFreshness(clock, replayCapacity);
        }

        /// <summary>Checks <paramref name="text"/>; on acceptance <paramref name="userRef"/> is the user it was issued to. Never throws.</summary>
        public ReadOutcome Verify(string text, out uint userRef)
        {
            userRef = 0;
            if (_siteKey == null || _siteKey.Length == 0)
            {
                return ReadOutcome.NotConfigured;
            }
            uint tokenRef;
            long step;
            byte[] mac;
            int signedLength;
            if (!QrToken.TryParse(text, out tokenRef, out step, out mac, out signedLength))
            {
                return ReadOutcome.Malformed;
            }
            byte[] userKey = TokenKeys.DeriveUserKey(_siteKey, TokenKeys.QrPurpose, tokenRef);
            byte[] expected = KeyedHash.Truncated(userKey, Encoding.UTF8.GetBytes(text.Substring(0, signedLength)));
            if (!KeyedHash.FixedTimeEquals(expected, 0, mac, 0, QrToken.MacLength))
            {
                return ReadOutcome.BadSignature;
            }
            ReadOutcome fresh = _freshness.Admit(tokenRef, step, StepSeconds, AllowedSkewSteps);
            if (fresh != ReadOutcome.Accepted)
            {
                return fresh;
            }
            userRef = tokenRef;
            return ReadOutcome.Accepted;
        }
    }
}

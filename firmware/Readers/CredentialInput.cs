using DoorController.Access;

namespace DoorController.Readers
{
    /// <summary>
    /// One normalised read, the only form in which a credential reaches the decision core. <see cref="Value"/> is
    /// canonical per method (see docs/credentials.md): NFC UID bytes; Wiegand 26-bit = facility, card high, card low;
    /// Wiegand 34-bit = the 32 data bits big-endian; QR and BLE = the 32-bit user reference big-endian (only after
    /// the token verified); PIN = ASCII digits; external face = the terminal's user reference bytes.
    /// A rejected read carries its <see cref="Outcome"/> and a null value.
    /// </summary>
    public struct CredentialInput
    {
        public CredentialMethod Method;
        public byte[] Value;
        public Direction Direction;
        public int ReaderId;
        public ReadOutcome Outcome;

        /// <summary>Monotonic time of the read (<c>IClock.UptimeMilliseconds</c>).</summary>
        public long UptimeMilliseconds;

        public CredentialInput(CredentialMethod method, byte[] value, Direction direction, int readerId,
            ReadOutcome outcome, long uptimeMilliseconds)
        {
            Method = method;
            Value = outcome == ReadOutcome.Accepted ? value : null;
            Direction = direction;
            ReaderId = readerId;
            Outcome = outcome;
            UptimeMilliseconds = uptimeMilliseconds;
        }

        public bool IsAccepted
        {
            get { return Outcome == ReadOutcome.Accepted && Value != null; }
        }
    }
}

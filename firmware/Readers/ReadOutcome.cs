namespace DoorController.Readers
{
    /// <summary>
    /// Result of normalising one read. Anything but <see cref="Accepted"/> never reaches the decision core as a
    /// credential; it becomes a deny/error with this reason. Numeric values are stable.
    /// </summary>
    public enum ReadOutcome
    {
        Accepted = 0,

        /// <summary>Length not allowed for the method (NFC UID not 4/7/10 bytes, empty data).</summary>
        InvalidLength = 1,

        /// <summary>A Wiegand parity bit did not match.</summary>
        ParityError = 2,

        /// <summary>Fewer Wiegand bits than the shortest card format: the frame was cut off.</summary>
        Truncated = 3,

        /// <summary>A well-formed read in a format this controller does not accept (e.g. 37-bit Wiegand).</summary>
        UnsupportedFormat = 4,

        /// <summary>Electrical noise: glitch pulses, bits too close together, both Wiegand lines low at once.</summary>
        Noise = 5,

        /// <summary>Text or data that does not follow the token format.</summary>
        Malformed = 6,

        /// <summary>The token's HMAC does not verify: forged, altered or issued under another key.</summary>
        BadSignature = 7,

        /// <summary>The token's time step is older than the accepted skew.</summary>
        Expired = 8,

        /// <summary>The token's time step is further in the future than the accepted skew.</summary>
        NotYetValid = 9,

        /// <summary>This token (or an older one of the same user) was already used.</summary>
        Replayed = 10,

        /// <summary>BLE signal weaker than the threshold: the phone is not at the door.</summary>
        WeakSignal = 11,

        /// <summary>Time-based tokens cannot be checked because the controller clock has not been set.</summary>
        ClockNotSet = 12,

        /// <summary>The PIN was abandoned: too long between keys.</summary>
        PinTimeout = 13,

        /// <summary>'#' pressed with fewer digits than the minimum PIN length.</summary>
        PinTooShort = 14,

        /// <summary>More digits than the maximum PIN length.</summary>
        PinTooLong = 15,

        /// <summary>A card that shows a new random UID on every tap: the UID identifies nobody.</summary>
        RandomUid = 16,

        /// <summary>The reader, method or key is not configured on this controller.</summary>
        NotConfigured = 17,
    }
}

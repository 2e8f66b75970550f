using DoorController.Core;

namespace DoorController.Access
{
    /// <summary>
    /// Turns a raw credential value into the 16-byte identifier stored on controllers and in the server's
    /// directory: HMAC-SHA256(site key, method byte || raw value), truncated. Raw UIDs and PINs therefore never
    /// leave the reader layer, and a leaked store file does not reveal them without the key.
    /// </summary>
    public sealed class CredentialHasher
    {
        public const int HashLength = KeyedHash.CredentialHashLength;
        /// <summary>Longest raw value accepted (a signed QR payload id, a Wiegand frame, a PIN...).</summary>
        public const int MaxRawLength = 128;

        private readonly byte[] _key;

        public CredentialHasher(byte[] key)
        {
            _key = key;
        }

        public static bool IsKnownMethod(CredentialMethod method)
        {
            return method >= CredentialMethod.Nfc && method <= CredentialMethod.ExternalFace;
        }

        /// <summary>
        /// Writes the hash into <paramref name="destination"/> at <paramref name="offset"/>. False (and nothing
        /// written) for an unknown method or an empty/oversized value: the decision then denies with
        /// <see cref="ReasonCode.UnknownCredentialFormat"/>. The HMAC itself allocates on the device (its API
        /// returns a new array); the decision that follows does not.
        /// </summary>
        public bool TryHash(CredentialMethod method, byte[] raw, int rawOffset, int rawLength, byte[] destination, int offset)
        {
            if (!IsKnownMethod(method) || raw == null || rawLength <= 0 || rawLength > MaxRawLength
                || rawOffset < 0 || rawOffset + rawLength > raw.Length || destination == null || offset + HashLength > destination.Length)
            {
                return false;
            }
            byte[] input = new byte[rawLength + 1];
            input[0] = (byte)method;
            System.Array.Copy(raw, rawOffset, input, 1, rawLength);
            byte[] mac = KeyedHash.Truncated(_key, input);
            System.Array.Copy(mac, 0, destination, offset, HashLength);
            return true;
        }

        /// <summary>Convenience for builders and tests: the hash as a new array, or null for bad input.</summary>
        public byte[] Hash(CredentialMethod method, byte[] raw)
        {
            byte[] result = new byte[HashLength];
            return raw != null && TryHash(method, raw, 0, raw.Length, result, 0) ? result : null;
        }
    }
}

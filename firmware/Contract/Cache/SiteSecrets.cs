using System;
using System.Text;
using DoorController.Core;

namespace DoorController.Contract
{
    /// <summary>
    /// The two site-wide keys a controller needs to decide offline: the credential-hash key (credentials are
    /// stored and looked up as HMAC(key, method || value), the same on the server) and the token key (signed QR
    /// and BLE tokens). They travel inside the authenticated cache bundle, sealed under a key derived from the
    /// controller's own device key, so a broker or a bundle captured for another controller does not reveal them.
    /// Sealing is HMAC-SHA256 in counter mode (a PRF keystream): the device has HMAC but no usable AES on both
    /// builds, and the bundle's MAC already provides integrity.
    /// </summary>
    public sealed class SiteSecrets
    {
        public const int KeyLength = 32;
        public const int NonceLength = 16;
        /// <summary>Nonce followed by the two sealed keys.</summary>
        public const int SealedLength = NonceLength + 2 * KeyLength;

        private static readonly byte[] SealPurpose = Encoding.UTF8.GetBytes("dc/v1/site-secrets");

        public readonly byte[] CredentialKey = new byte[KeyLength];
        public readonly byte[] TokenKey = new byte[KeyLength];

        /// <summary>Writes nonce + sealed keys (<see cref="SealedLength"/> bytes) at <paramref name="offset"/>.</summary>
        public void Seal(byte[] deviceKey, byte[] nonce, byte[] output, int offset)
        {
            Array.Copy(nonce, 0, output, offset, NonceLength);
            Array.Copy(CredentialKey, 0, output, offset + NonceLength, KeyLength);
            Array.Copy(TokenKey, 0, output, offset + NonceLength + KeyLength, KeyLength);
            ApplyKeystream(deviceKey, nonce, output, offset + NonceLength, 2 * KeyLength);
        }

        /// <summary>Unseals what <see cref="Seal"/> wrote. False when the input is too short or a key is missing.</summary>
        public static bool TryOpen(byte[] deviceKey, byte[] input, int offset, out SiteSecrets secrets)
        {
            secrets = null;
            if (deviceKey == null || deviceKey.Length == 0 || input == null || offset < 0 || input.Length - offset < SealedLength)
            {
                return false;
            }
            byte[] nonce = new byte[NonceLength];
            Array.Copy(input, offset, nonce, 0, NonceLength);
            byte[] plain = new byte[2 * KeyLength];
            Array.Copy(input, offset + NonceLength, plain, 0, plain.Length);
            ApplyKeystream(deviceKey, nonce, plain, 0, plain.Length);
            SiteSecrets result = new SiteSecrets();
            Array.Copy(plain, 0, result.CredentialKey, 0, KeyLength);
            Array.Copy(plain, KeyLength, result.TokenKey, 0, KeyLength);
            secrets = result;
            return true;
        }

        private static void ApplyKeystream(byte[] deviceKey, byte[] nonce, byte[] data, int offset, int count)
        {
            byte[] sealKey = KeyedHash.Compute(deviceKey, SealPurpose);
            byte[] block = new byte[NonceLength + 4];
            Array.Copy(nonce, 0, block, 0, NonceLength);
            for (int done = 0, counter = 0; done < count; counter++)
            {
                LittleEndian.WriteInt32(block, NonceLength, counter);
                byte[] stream = KeyedHash.Compute(sealKey, block);
                for (int i = 0; i < stream.Length && done < count; i++, done++)
                {
                    data[offset + done] ^= stream[i];
                }
            }
        }
    }
}

using System.Security.Cryptography;
using DoorController.Core;

namespace DoorController.Server.Services
{
    /// <summary>Server-generated identifiers (S11, S21): a kind prefix and 64 random bits, unguessable and
    /// collision-free without a database round trip.</summary>
    public static class Ids
    {
        public static string New(string prefix)
        {
            return prefix + "-" + Hex.Encode(RandomNumberGenerator.GetBytes(8)).ToLowerInvariant();
        }

        /// <summary>A fresh 256-bit device key (S11).</summary>
        public static byte[] NewDeviceKey()
        {
            return RandomNumberGenerator.GetBytes(32);
        }

        /// <summary>A numeric one-time code of <paramref name="digits"/> digits, uniformly random.</summary>
        public static string NewNumericCode(int digits)
        {
            var chars = new char[digits];
            for (int i = 0; i < digits; i++)
            {
                chars[i] = (char)('0' + RandomNumberGenerator.GetInt32(10));
            }
            return new string(chars);
        }
    }
}

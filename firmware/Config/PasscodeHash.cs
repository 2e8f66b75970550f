using System.Text;
using DoorController.Core;

namespace DoorController.Config
{
    /// <summary>
    /// The console passcode is stored as HMAC-SHA256(key = random salt, message = passcode), never in plain
    /// text, so a dumped flash image does not reveal it (the device has HMAC but no plain hash or KDF).
    /// </summary>
    public static class PasscodeHash
    {
        public const int SaltBytes = 16;

        /// <summary>Why <paramref name="passcode"/> is not acceptable as a new passcode, or null.</summary>
        public static string Problem(string passcode)
        {
            if (passcode == null || passcode.Length < ConfigDefaults.MinPasscodeLength || passcode.Length > ConfigDefaults.MaxPasscodeLength)
            {
                return "passcode must be " + ConfigDefaults.MinPasscodeLength.ToString() + "-" + ConfigDefaults.MaxPasscodeLength.ToString() + " characters";
            }
            for (int i = 0; i < passcode.Length; i++)
            {
                if (passcode[i] <= ' ' || passcode[i] > '~')
                {
                    return "passcode must be printable ASCII without spaces";
                }
            }
            return null;
        }

        /// <summary>Stores <paramref name="passcode"/> into <paramref name="config"/> under <paramref name="salt"/>.</summary>
        public static void Set(ControllerConfig config, string passcode, byte[] salt)
        {
            config.PasscodeSaltHex = Hex.Encode(salt);
            config.PasscodeHashHex = Hex.Encode(KeyedHash.Compute(salt, Encoding.UTF8.GetBytes(passcode)));
        }

        public static void Clear(ControllerConfig config)
        {
            config.PasscodeSaltHex = "";
            config.PasscodeHashHex = "";
        }

        /// <summary>True when <paramref name="attempt"/> is the stored passcode (compared in fixed time).</summary>
        public static bool Verify(ControllerConfig config, string attempt)
        {
            byte[] salt;
            byte[] stored;
            if (attempt == null || !config.HasPasscode
                || !Hex.TryDecode(config.PasscodeSaltHex, out salt) || !Hex.TryDecode(config.PasscodeHashHex, out stored))
            {
                return false;
            }
            byte[] computed = KeyedHash.Compute(salt, Encoding.UTF8.GetBytes(attempt));
            return KeyedHash.FixedTimeEquals(computed, stored);
        }
    }
}

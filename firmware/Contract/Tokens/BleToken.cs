using DoorController.Access;
using DoorController.Core;

namespace DoorController.Contract
{
    /// <summary>
    /// The rotating BLE token carried in the manufacturer-specific data of an advertisement (docs/credentials.md),
    /// 22 bytes after the company id: version 0xD1, user-ref (4 bytes big-endian), time step (4 bytes big-endian),
    /// the phone's direction hint (0 none, 1 entry, 2 exit: patent Fig. 6B, where the phone judges the side from the
    /// beacon strength), then the first 12 bytes of HMAC-SHA256(userKey, first 10 bytes), userKey derived with
    /// purpose "ble". The hint is signed, so nobody in between can flip it.
    /// Only this token identifies anyone: the advertiser's address and service UUIDs are never looked at.
    /// </summary>
    public static class BleToken
    {
        /// <summary>Bluetooth SIG company id reserved for tests; sites with their own id configure it.</summary>
        public const ushort DefaultCompanyId = 0xFFFF;
        public const byte Version = 0xD1;
        public const int SignedLength = 10;
        private const int HintOffset = 9;
        public const int MacLength = 12;
        public const int Length = SignedLength + MacLength;
        public const int DefaultStepSeconds = 30;

        /// <summary>Builds the manufacturer data a phone advertises (phone app simulator, tests).</summary>
        public static byte[] Create(byte[] userKey, uint userRef, long step)
        {
            return Create(userKey, userRef, step, Direction.Unknown);
        }

        public static byte[] Create(byte[] userKey, uint userRef, long step, Direction hint)
        {
            byte[] data = new byte[Length];
            data[0] = Version;
            WriteUInt32BigEndian(data, 1, userRef);
            WriteUInt32BigEndian(data, 5, (uint)step);
            data[HintOffset] = (byte)hint;
            byte[] mac = ComputeMac(userKey, data);
            System.Array.Copy(mac, 0, data, SignedLength, MacLength);
            return data;
        }

        /// <summary>Reads the fields before the MAC; false if the data is not a token of this version. Never throws.</summary>
        public static bool TryParse(byte[] data, out uint userRef, out long step, out Direction hint)
        {
            userRef = 0;
            step = 0;
            hint = Direction.Unknown;
            if (data == null || data.Length != Length || data[0] != Version || data[HintOffset] > (byte)Direction.Exit)
            {
                return false;
            }
            userRef = ReadUInt32BigEndian(data, 1);
            step = ReadUInt32BigEndian(data, 5);
            hint = (Direction)data[HintOffset];
            return userRef != 0;
        }

        /// <summary>HMAC over the signed part of <paramref name="data"/> (its first <see cref="SignedLength"/> bytes).</summary>
        public static byte[] ComputeMac(byte[] userKey, byte[] data)
        {
            byte[] signed = new byte[SignedLength];
            System.Array.Copy(data, signed, SignedLength);
            return KeyedHash.Compute(userKey, signed);
        }

        private static void WriteUInt32BigEndian(byte[] buffer, int offset, uint value)
        {
            buffer[offset] = (byte)(value >> 24);
            buffer[offset + 1] = (byte)(value >> 16);
            buffer[offset + 2] = (byte)(value >> 8);
            buffer[offset + 3] = (byte)value;
        }

        private static uint ReadUInt32BigEndian(byte[] buffer, int offset)
        {
            return ((uint)buffer[offset] << 24) | ((uint)buffer[offset + 1] << 16) | ((uint)buffer[offset + 2] << 8) | buffer[offset + 3];
        }
    }
}

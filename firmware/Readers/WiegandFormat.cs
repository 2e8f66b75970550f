namespace DoorController.Readers
{
    /// <summary>
    /// Wiegand card and keypad formats. Card: 26-bit HID H10301 (even parity over bits 2-13, 8-bit facility,
    /// 16-bit card number, odd parity over bits 14-25) and 34-bit (even parity over bits 2-17, 32 data bits, odd
    /// parity over bits 18-33; readers use it for 4-byte UIDs or 16-bit facility + 16-bit card). Keypad: one key per
    /// 4-bit frame, or per 8-bit frame whose high nibble is the complement of the low one.
    /// </summary>
    public static class WiegandFormat
    {
        public const int KeypadKeyStar = 10;
        public const int KeypadKeyHash = 11;

        /// <summary>Keypad frames: '0'..'9', '*' or '#'. False for anything else (including a failed 8-bit check).</summary>
        public static bool TryDecodeKey(WiegandFrame frame, out char key)
        {
            key = '\0';
            if (frame.Noisy)
            {
                return false;
            }
            int value;
            if (frame.BitCount == 4)
            {
                value = (int)(frame.Bits & 0x0F);
            }
            else if (frame.BitCount == 8)
            {
                value = (int)(frame.Bits & 0x0F);
                int check = (int)((frame.Bits >> 4) & 0x0F);
                if ((check ^ value) != 0x0F)
                {
                    return false;
                }
            }
            else
            {
                return false;
            }
            if (value <= 9) key = (char)('0' + value);
            else if (value == KeypadKeyStar) key = '*';
            else if (value == KeypadKeyHash) key = '#';
            else return false;
            return true;
        }

        /// <summary>Checks and decodes a card frame; <paramref name="value"/> is the canonical bytes when accepted.</summary>
        public static ReadOutcome DecodeCard(WiegandFrame frame, out byte[] value)
        {
            value = null;
            if (frame.Noisy)
            {
                return ReadOutcome.Noise;
            }
            int n = frame.BitCount;
            if (n < 26)
            {
                // 4- and 8-bit frames are keypad keys; reaching here means the key did not decode.
                if (n == 8) return ReadOutcome.ParityError;
                if (n == 4) return ReadOutcome.UnsupportedFormat;
                return ReadOutcome.Truncated;
            }
            if (n != 26 && n != 34)
            {
                return ReadOutcome.UnsupportedFormat;
            }
            int half = (n - 2) / 2;
            // Leading parity bit + first half of the data: even number of ones.
            if ((OnesIn(frame.Bits, n, 0, half + 1) & 1) != 0)
            {
                return ReadOutcome.ParityError;
            }
            // Second half of the data + trailing parity bit: odd number of ones.
            if ((OnesIn(frame.Bits, n, half + 1, half + 1) & 1) != 1)
            {
                return ReadOutcome.ParityError;
            }
            ulong data = (frame.Bits >> 1) & ((1UL << (n - 2)) - 1);
            if (n == 26)
            {
                value = new byte[] { (byte)(data >> 16), (byte)(data >> 8), (byte)data };
            }
            else
            {
                value = new byte[] { (byte)(data >> 24), (byte)(data >> 16), (byte)(data >> 8), (byte)data };
            }
            return ReadOutcome.Accepted;
        }

        /// <summary>The 26 bits of an H10301 card with correct parity (for simulators and tests).</summary>
        public static ulong Encode26(int facility, int card)
        {
            ulong data = ((ulong)(uint)(facility & 0xFF) << 16) | (uint)(card & 0xFFFF);
            return WithParity(data, 24);
        }

        /// <summary>The 34 bits of a 32-bit value with correct parity (for simulators and tests).</summary>
        public static ulong Encode34(uint data)
        {
            return WithParity(data, 32);
        }

        /// <summary>Wraps <paramref name="dataBits"/> data bits in the leading even and trailing odd parity bits.</summary>
        public static ulong WithParity(ulong data, int dataBits)
        {
            int half = dataBits / 2;
            int firstOnes = OnesIn(data, dataBits, 0, half);
            int secondOnes = OnesIn(data, dataBits, half, half);
            ulong even = (ulong)(firstOnes & 1);
            ulong odd = (ulong)((secondOnes & 1) ^ 1);
            return (even << (dataBits + 1)) | (data << 1) | odd;
        }

        /// <summary>Ones among <paramref name="count"/> bits starting at bit <paramref name="first"/> (0 = first sent).</summary>
        public static int OnesIn(ulong bits, int bitCount, int first, int count)
        {
            int ones = 0;
            for (int i = first; i < first + count; i++)
            {
                ones += (int)((bits >> (bitCount - 1 - i)) & 1);
            }
            return ones;
        }
    }
}

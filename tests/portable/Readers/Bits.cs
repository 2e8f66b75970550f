namespace DoorController.Tests.Readers
{
    /// <summary>Wiegand frames written as '0'/'1' strings in transmission order, independent of the code under test.</summary>
    public static class Bits
    {
        public static ulong Parse(string bits)
        {
            ulong value = 0;
            for (int i = 0; i < bits.Length; i++)
            {
                value = (value << 1) | (bits[i] == '1' ? 1UL : 0UL);
            }
            return value;
        }

        public static string Flip(string bits, int index)
        {
            char[] chars = bits.ToCharArray();
            chars[index] = chars[index] == '1' ? '0' : '1';
            return new string(chars);
        }
    }
}

using System;

namespace DoorController.Tests.Support
{
    /// <summary>One uncommitted write (Data set) or length change (Data null).</summary>
    internal sealed class PendingFlashChange
    {
        public int Offset;
        public byte[] Data;
        public int NewLength;

        /// <summary>Applies the change to the durable image; a write with <paramref name="good"/> &gt;= 0 lands torn.</summary>
        public void ApplyTo(SimulatedFlashFile file, int good, Random random)
        {
            if (Data == null)
            {
                file.DurableLength = Grow(ref file.Durable, file.DurableLength, NewLength);
                return;
            }
            if (good < 0)
            {
                file.WriteDurable(Offset, Data, 0, Data.Length);
                return;
            }
            file.WriteDurable(Offset, Data, 0, good);
            int tornAt = Offset + good;
            int pageEnd = (tornAt / SimulatedFlashStore.PageBytes + 1) * SimulatedFlashStore.PageBytes;
            int garbageEnd = pageEnd < Offset + Data.Length ? pageEnd : Offset + Data.Length;
            if (garbageEnd <= tornAt)
            {
                return;
            }
            byte[] garbage = new byte[garbageEnd - tornAt];
            if (random.Next(2) == 0)
            {
                random.NextBytes(garbage);
            }
            else
            {
                for (int i = 0; i < garbage.Length; i++)
                {
                    garbage[i] = 0xFF;
                }
            }
            file.WriteDurable(tornAt, garbage, 0, garbage.Length);
        }

        /// <summary>Sets <paramref name="bytes"/>' logical length to <paramref name="length"/> (zero-filled growth); returns it.</summary>
        public static int Grow(ref byte[] bytes, int used, int length)
        {
            if (length > bytes.Length)
            {
                int capacity = bytes.Length < 256 ? 256 : bytes.Length * 2;
                while (capacity < length)
                {
                    capacity *= 2;
                }
                byte[] grown = new byte[capacity];
                Array.Copy(bytes, grown, used);
                bytes = grown;
            }
            if (length > used)
            {
                Array.Clear(bytes, used, length - used);
            }
            return length;
        }
    }
}

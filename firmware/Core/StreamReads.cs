using System.IO;

namespace DoorController.Core
{
    /// <summary>
    /// Stream.Read may return fewer bytes than asked (and does, on the device's flash streams); these loop until the
    /// count is read or the stream ends.
    /// </summary>
    public static class StreamReads
    {
        /// <summary>Reads up to <paramref name="count"/> bytes; returns how many arrived before the end of the stream.</summary>
        public static int ReadUpTo(Stream stream, byte[] buffer, int offset, int count)
        {
            int total = 0;
            while (total < count)
            {
                int n = stream.Read(buffer, offset + total, count - total);
                if (n <= 0)
                {
                    break;
                }
                total += n;
            }
            return total;
        }

        /// <summary>True when exactly <paramref name="count"/> bytes were read.</summary>
        public static bool ReadExactly(Stream stream, byte[] buffer, int offset, int count)
        {
            return ReadUpTo(stream, buffer, offset, count) == count;
        }
    }
}

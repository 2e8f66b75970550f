namespace DoorController.Journal
{
    /// <summary>
    /// Finds records in a segment image. A position is a record only if marker, length bound and CRC all agree;
    /// anything else (torn write, erased flash, garbage) is skipped byte by byte until the next valid record, so one
    /// damaged region never hides the records after it.
    /// </summary>
    public static class SegmentParser
    {
        /// <summary>
        /// Next valid record at or after <paramref name="position"/> within <paramref name="length"/> bytes of
        /// <paramref name="image"/>; false when none remains.
        /// </summary>
        public static bool TryNext(byte[] image, int length, int position, int maxPayload, out int recordStart, out int payloadLength)
        {
            for (int at = position; at + RecordFormat.Overhead <= length; at++)
            {
                int payload = RecordFormat.PayloadLengthAt(image, at, maxPayload);
                if (payload < 0 || at + RecordFormat.Overhead + payload > length)
                {
                    continue;
                }
                if (RecordFormat.IsValid(image, at, payload))
                {
                    recordStart = at;
                    payloadLength = payload;
                    return true;
                }
            }
            recordStart = -1;
            payloadLength = 0;
            return false;
        }
    }
}

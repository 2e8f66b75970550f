namespace DoorController.Contract
{
    /// <summary>
    /// Event ids: (boot counter &lt;&lt; 32) | sequence within that boot, sequence starting at 1. The boot counter is
    /// persisted before the first append of a boot, so ids never repeat on a device and grow strictly over its life;
    /// the server deduplicates on (device, id). 0 is never a valid id.
    /// </summary>
    public static class EventId
    {
        public const long None = 0;

        public static long Compose(uint boot, uint sequence)
        {
            return ((long)boot << 32) | sequence;
        }

        public static uint BootOf(long id)
        {
            return (uint)(id >> 32);
        }

        public static uint SequenceOf(long id)
        {
            return (uint)id;
        }
    }
}

namespace DoorController.Core
{
    /// <summary>
    /// Yes/no fields kept as the bits of one int. nanoCLR gives every field a 12-byte heap block, so the objects the
    /// controller keeps for its life (door settings and state, the decision, the journalled decision) pack their
    /// flags this way (docs/hardware.md, "Managed heap").
    /// </summary>
    public static class Bits
    {
        /// <summary>Whether <paramref name="bit"/> (one bit, or any of several) is set in <paramref name="flags"/>.</summary>
        public static bool Has(int flags, int bit)
        {
            return (flags & bit) != 0;
        }

        /// <summary><paramref name="flags"/> with <paramref name="bit"/> set or cleared.</summary>
        public static int With(int flags, int bit, bool on)
        {
            return on ? flags | bit : flags & ~bit;
        }
    }
}

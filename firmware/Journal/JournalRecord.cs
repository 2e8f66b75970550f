using DoorController.Contract;

namespace DoorController.Journal
{
    /// <summary>
    /// One event read back from the journal. Instances are reusable: <see cref="EventJournal.Read"/> fills the
    /// records it is given and grows <see cref="Payload"/> only when a longer payload arrives.
    /// </summary>
    public sealed class JournalRecord
    {
        public long Id;
        public EventType Type;

        /// <summary><see cref="RecordFlags"/> bits.</summary>
        public int Flags;

        /// <summary>Wall-clock time of the append, Unix milliseconds UTC (see <see cref="ClockUncertain"/>).</summary>
        public long UtcMilliseconds;

        /// <summary>Monotonic milliseconds since the boot that wrote the record.</summary>
        public long UptimeMilliseconds;

        /// <summary>Payload bytes are Payload[0 .. PayloadLength).</summary>
        public byte[] Payload = new byte[0];
        public int PayloadLength;

        public bool ClockUncertain
        {
            get { return (Flags & RecordFlags.ClockUncertain) != 0; }
        }

        /// <summary>Copies the payload out of a record buffer; the array grows only for a longer payload.</summary>
        public void SetPayload(byte[] buffer, int offset, int length)
        {
            if (Payload == null || Payload.Length < length)
            {
                Payload = new byte[length];
            }
            System.Array.Copy(buffer, offset, Payload, 0, length);
            PayloadLength = length;
        }

        /// <summary>Copy of the payload bytes (allocates; for tests and tools).</summary>
        public byte[] PayloadCopy()
        {
            byte[] copy = new byte[PayloadLength];
            System.Array.Copy(Payload, copy, PayloadLength);
            return copy;
        }
    }
}

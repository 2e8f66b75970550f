using System;
using DoorController.Journal;
using DoorController.Tests.Support;
using nanoFramework.TestFramework;
using DoorController.Contract;

namespace DoorController.Tests.Journal
{
    /// <summary>Small shared helpers for the journal tests: a small-segment configuration and open/append shorthands.</summary>
    public static class JournalTestKit
    {
        public static readonly ManualClock Clock = NewClock();

        /// <summary>A clock that moves 1 ms at every reading, so consecutive records get different timestamps.</summary>
        public static ManualClock NewClock()
        {
            ManualClock clock = new ManualClock(new DateTime(2026, 1, 15, 8, 0, 0));
            clock.UptimeMilliseconds = 0;
            clock.MillisecondsPerRead = 1;
            return clock;
        }

        /// <summary>512-byte segments, 4 of them, 32-byte payloads: a few records fill a segment.</summary>
        public static JournalOptions SmallOptions()
        {
            JournalOptions options = new JournalOptions();
            options.SegmentBytes = 512;
            options.MaxSegments = 4;
            options.MaxPayloadBytes = 32;
            options.OverflowReserveBytes = 96;
            return options;
        }

        public static EventJournal Boot(MemoryFileStore store)
        {
            return Boot(store, SmallOptions());
        }

        public static EventJournal Boot(MemoryFileStore store, JournalOptions options)
        {
            Clock.Reboot();
            EventJournal journal = new EventJournal(store, Clock, options);
            Assert.IsTrue(journal.Open(), "journal opens");
            return journal;
        }

        /// <summary>Appends a Tamper event whose one-byte payload is <paramref name="marker"/>; asserts it was stored.</summary>
        public static long AppendMarker(EventJournal journal, int marker)
        {
            byte[] payload = new byte[] { (byte)marker, 1, 2, 3, 4, 5, 6, 7, 8, 9 };
            long id = journal.Append(EventType.Tamper, payload, 0, payload.Length, RecordFlags.None);
            Assert.IsTrue(id != EventId.None, "append " + marker + " stored");
            return id;
        }

        /// <summary>Where record <paramref name="index"/> of a compact segment image ends (records with one-byte lengths).</summary>
        public static int RecordEnd(byte[] segment, int index)
        {
            int at = SegmentHeader.Length;
            for (int i = 0; i <= index; i++)
            {
                Assert.AreEqual((int)RecordFormat.Marker, (int)segment[at], "record " + i + " starts with the marker");
                at += 2 + segment[at + 1] + RecordFormat.CrcLength;
            }
            return at;
        }

        /// <summary>Records in a compact segment image that holds only whole records with one-byte lengths.</summary>
        public static int RecordCount(byte[] segment)
        {
            int count = 0;
            for (int at = SegmentHeader.Length; at < segment.Length; at += 2 + segment[at + 1] + RecordFormat.CrcLength)
            {
                count++;
            }
            return count;
        }

        /// <summary>Every record after <paramref name="afterId"/>, in replay order.</summary>
        public static JournalRecord[] ReadAll(EventJournal journal, long afterId)
        {
            System.Collections.ArrayList all = new System.Collections.ArrayList();
            JournalRecord[] batch = new JournalRecord[3];
            while (true)
            {
                int n = journal.Read(afterId, batch, 100000);
                if (n == 0)
                {
                    break;
                }
                for (int i = 0; i < n; i++)
                {
                    JournalRecord copy = new JournalRecord();
                    copy.Id = batch[i].Id;
                    copy.Type = batch[i].Type;
                    copy.Flags = batch[i].Flags;
                    copy.UtcMilliseconds = batch[i].UtcMilliseconds;
                    copy.UptimeMilliseconds = batch[i].UptimeMilliseconds;
                    copy.Payload = batch[i].PayloadCopy();
                    copy.PayloadLength = batch[i].PayloadLength;
                    all.Add(copy);
                    afterId = batch[i].Id;
                }
            }
            return (JournalRecord[])all.ToArray(typeof(JournalRecord));
        }
    }
}

using DoorController.Contract;
using DoorController.Core;
using DoorController.Journal;
using DoorController.Tests.Support;
using nanoFramework.TestFramework;

namespace DoorController.Tests.Journal
{
    /// <summary>
    /// The compact record against its segment header: golden bytes (derived outside .NET), every header field round
    /// trip (same boot, another boot, a clock set backwards, a two-byte length), the CRC, and a journal written by an
    /// older firmware in the legacy layout, replayed after the update.
    /// </summary>
    [TestClass]
    public class RecordFormatTests
    {
        private static byte[] FromHex(string text)
        {
            byte[] bytes;
            Assert.IsTrue(Hex.TryDecode(text, out bytes));
            return bytes;
        }

        private static byte[] Base()
        {
            byte[] header = new byte[SegmentHeader.Length];
            SegmentHeader.Start(header, 1, EventId.Compose(3, 8), 1772442000000, 4000);
            return header;
        }

        private static JournalRecord SealAndDecode(byte[] payload, long id, long utc, long uptime, byte[] b, out int size)
        {
            byte[] buffer = new byte[RecordFormat.MaxOverhead + payload.Length];
            System.Array.Copy(payload, 0, buffer, RecordFormat.MaxHeaderLength, payload.Length);
            int start;
            size = RecordFormat.Seal(buffer, RecordFormat.MaxHeaderLength, payload.Length, EventType.AccessDecision, RecordFlags.ClockUncertain, id, utc, uptime, b, out start);
            Assert.AreEqual(size, RecordFormat.ClaimedLength(buffer, start, 256));
            Assert.IsTrue(RecordFormat.IsValid(buffer, start, size, b));
            JournalRecord record = new JournalRecord();
            RecordFormat.Decode(buffer, start, size, b, record);
            Assert.AreEqual(id, record.Id);
            Assert.AreEqual(utc, record.UtcMilliseconds);
            Assert.AreEqual(uptime, record.UptimeMilliseconds);
            Assert.AreEqual((int)EventType.AccessDecision, (int)record.Type);
            Assert.IsTrue(record.ClockUncertain);
            Assert.AreEqual(payload.Length, record.PayloadLength);
            return record;
        }

        [TestMethod]
        public void Crc16_Is_Ccitt_False()
        {
            byte[] check = System.Text.Encoding.UTF8.GetBytes("123456789");
            Assert.AreEqual(0x29B1, (int)Crc16.Compute(check, 0, check.Length));
        }

        [TestMethod]
        public void An_Offline_Grant_Is_23_Bytes_On_Flash_Golden()
        {
            byte[] payload = FromHex("4a6500d2dc0c18a0a1a2a3a4a5a6");
            byte[] buffer = new byte[RecordFormat.MaxOverhead + payload.Length];
            System.Array.Copy(payload, 0, buffer, RecordFormat.MaxHeaderLength, payload.Length);
            int start;
            int size = RecordFormat.Seal(buffer, RecordFormat.MaxHeaderLength, payload.Length, EventType.AccessDecision, RecordFlags.None, EventId.Compose(3, 9),
                1772442000123, 4123, Base(), out start);
            byte[] record = new byte[size];
            System.Array.Copy(buffer, start, record, 0, size);
            // Marker, length 19, type 1, sequence +1, UTC +123 ms (zigzag 246), clock skew 0, payload, CRC-16 (Python binascii.crc_hqx).
            Assert.AreEqual("a5130101f601004a6500d2dc0c18a0a1a2a3a4a5a614a7", Hex.Encode(record));
            Assert.IsTrue(size <= RecordFormat.TypicalStoredBytes(payload.Length), "1-byte sequence and 2-byte UTC deltas: within the typical figure");
            Assert.AreEqual(26, RecordFormat.TypicalStoredBytes(payload.Length), "the capacity plan's figure: at most 32 bytes an event");
        }

        [TestMethod]
        public void Every_Header_Field_Round_Trips()
        {
            int size;
            byte[] small = new byte[] { 1, 2, 3 };
            SealAndDecode(small, EventId.Compose(3, 9), 1772442000123, 4123, Base(), out size);
            SealAndDecode(small, EventId.Compose(3, 20000), 1772442000000 + 3L * 24 * 3600 * 1000, 4000 + 3L * 24 * 3600 * 1000 + 17, Base(), out size);
            SealAndDecode(small, EventId.Compose(4, 1), 1772442999999, 12, Base(), out size);                     // rebooted
            SealAndDecode(small, EventId.Compose(3, 10), 946684800000, 5000, Base(), out size);                    // clock set back to 2000
            SealAndDecode(small, EventId.Compose(70000, uint.MaxValue), long.MaxValue / 2, long.MaxValue / 4, Base(), out size);
            Assert.IsTrue(size <= RecordFormat.MaxOverhead + small.Length);
            JournalRecord big = SealAndDecode(new byte[200], EventId.Compose(3, 11), 1772442000200, 4200, Base(), out size);
            Assert.AreEqual(200, big.PayloadLength);
        }

        [TestMethod]
        public void A_Bit_Flip_Anywhere_Or_A_Reserved_Bit_Is_Rejected()
        {
            byte[] record = FromHex("a5130101f601004a6500d2dc0c18a0a1a2a3a4a5a614a7");
            for (int i = 0; i < record.Length * 8; i++)
            {
                record[i / 8] ^= (byte)(1 << (i % 8));
                int claimed = RecordFormat.ClaimedLength(record, 0, 256);
                bool valid = claimed == record.Length && RecordFormat.IsValid(record, 0, claimed, Base());
                Assert.IsFalse(valid, "bit " + i);
                record[i / 8] ^= (byte)(1 << (i % 8));
            }
            Assert.IsTrue(RecordFormat.IsValid(record, 0, record.Length, Base()));
        }

        [TestMethod]
        public void A_Journal_Written_In_The_Legacy_Layout_Is_Replayed_Then_Reclaimed()
        {
            MemoryFileStore store = new MemoryFileStore();
            byte[] segment = new byte[LegacyRecordFormat.SegmentHeaderLength + 3 * (LegacyRecordFormat.Overhead + 4)];
            LittleEndian.WriteUInt32(segment, 0, LegacyRecordFormat.SegmentMagic);
            LittleEndian.WriteUInt32(segment, 4, 1);
            for (int i = 0; i < 3; i++)
            {
                int at = LegacyRecordFormat.SegmentHeaderLength + i * (LegacyRecordFormat.Overhead + 4);
                LittleEndian.WriteUInt16(segment, at, LegacyRecordFormat.Marker);
                LittleEndian.WriteUInt16(segment, at + 2, 4);
                segment[at + 4] = (byte)EventType.Tamper;
                segment[at + 5] = (byte)(i == 1 ? RecordFlags.ClockUncertain : 0);
                LittleEndian.WriteInt64(segment, at + 6, EventId.Compose(7, (uint)(i + 1)));
                LittleEndian.WriteInt64(segment, at + 14, 1772442000000 + i);
                LittleEndian.WriteInt64(segment, at + 22, 100 + i);
                segment[at + 30] = (byte)(0x40 + i);
                LittleEndian.WriteUInt32(segment, at + 34, Crc32.Compute(segment, at, 34));
            }
            store.WriteAll(SegmentNames.Format("jnl", 1), segment);

            EventJournal journal = JournalTestKit.Boot(store);
            Assert.AreEqual(3, journal.Depth, "the old journal's events are all pending");
            long next = JournalTestKit.AppendMarker(journal, 9);
            Assert.AreEqual(2, journal.SegmentCount, "no append goes into a legacy segment");
            JournalRecord[] replay = JournalTestKit.ReadAll(JournalTestKit.Boot(store), 0);
            Assert.AreEqual(4, replay.Length);
            for (int i = 0; i < 3; i++)
            {
                Assert.AreEqual(EventId.Compose(7, (uint)(i + 1)), replay[i].Id);
                Assert.AreEqual((byte)(0x40 + i), replay[i].Payload[0]);
                Assert.AreEqual(1772442000000 + i, replay[i].UtcMilliseconds);
                Assert.AreEqual(i == 1, replay[i].ClockUncertain);
            }
            Assert.AreEqual(next, replay[3].Id);
            Assert.IsTrue(EventId.BootOf(next) > 7, "ids keep growing past the old journal's");

            EventJournal rebooted = JournalTestKit.Boot(store);
            Assert.IsTrue(rebooted.Acknowledge(replay[2].Id));
            Assert.IsFalse(store.Exists(SegmentNames.Format("jnl", 1)), "acknowledged legacy segment reclaimed");
            Assert.AreEqual(1, rebooted.Depth);
        }
    }
}

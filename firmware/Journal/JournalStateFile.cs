using System;
using System.IO;
using DoorController.Core;
using DoorController.Hal;

namespace DoorController.Journal
{
    /// <summary>
    /// The journal's small persistent state (boot counter, acknowledged id, drop counters) in two alternating slot
    /// files, each a fixed 40-byte record with a generation number and a CRC. A save writes the slot not holding the
    /// newest copy, so a write torn by a power cut leaves the previous state intact; load takes the valid slot with
    /// the higher generation. Needs no atomic rename from the file system.
    /// </summary>
    public sealed class JournalStateFile
    {
        private const int SlotLength = 40;
        private const uint Magic = 0x3154534A; // "JST1"

        private readonly IFileStore _store;
        private readonly string[] _slotNames;
        private readonly byte[] _buffer = new byte[SlotLength];

        public uint Generation;
        public uint BootCounter;
        public long AckedId;
        public long DroppedTotal;
        public long EpisodeDropped;

        public JournalStateFile(IFileStore store, string prefix)
        {
            _store = store;
            _slotNames = new string[] { prefix + "-state-a", prefix + "-state-b" };
        }

        /// <summary>Loads the newest valid slot; false (state zeroed) when neither slot is valid, e.g. first boot.</summary>
        public bool Load()
        {
            Generation = 0;
            BootCounter = 0;
            AckedId = 0;
            DroppedTotal = 0;
            EpisodeDropped = 0;
            bool found = false;
            for (int slot = 0; slot < 2; slot++)
            {
                if (!TryReadSlot(_slotNames[slot]))
                {
                    continue;
                }
                uint generation = LittleEndian.ReadUInt32(_buffer, 4);
                if (found && generation <= Generation)
                {
                    continue;
                }
                found = true;
                Generation = generation;
                BootCounter = LittleEndian.ReadUInt32(_buffer, 8);
                AckedId = LittleEndian.ReadInt64(_buffer, 12);
                DroppedTotal = LittleEndian.ReadInt64(_buffer, 20);
                EpisodeDropped = LittleEndian.ReadInt64(_buffer, 28);
            }
            return found;
        }

        /// <summary>Writes the fields as the next generation and commits it (closing the file is what commits on LittleFS). Throws on I/O failure.</summary>
        public void Save()
        {
            uint generation = Generation + 1;
            LittleEndian.WriteUInt32(_buffer, 0, Magic);
            LittleEndian.WriteUInt32(_buffer, 4, generation);
            LittleEndian.WriteUInt32(_buffer, 8, BootCounter);
            LittleEndian.WriteInt64(_buffer, 12, AckedId);
            LittleEndian.WriteInt64(_buffer, 20, DroppedTotal);
            LittleEndian.WriteInt64(_buffer, 28, EpisodeDropped);
            LittleEndian.WriteUInt32(_buffer, 36, Crc32.Compute(_buffer, 0, 36));
            Stream stream = _store.Open(_slotNames[generation & 1], true);
            try
            {
                stream.Seek(0, SeekOrigin.Begin);
                stream.Write(_buffer, 0, SlotLength);
                stream.Flush();
            }
            finally
            {
                stream.Dispose();
            }
            Generation = generation;
        }

        private bool TryReadSlot(string name)
        {
            Stream stream;
            try
            {
                stream = _store.Open(name, false);
            }
            catch (Exception)
            {
                return false;
            }
            try
            {
                if (!StreamReads.ReadExactly(stream, _buffer, 0, SlotLength))
                {
                    return false;
                }
            }
            catch (Exception)
            {
                return false;
            }
            finally
            {
                stream.Dispose();
            }
            return LittleEndian.ReadUInt32(_buffer, 0) == Magic
                && LittleEndian.ReadUInt32(_buffer, 36) == Crc32.Compute(_buffer, 0, 36);
        }
    }
}

using System;
using System.IO;
using DoorController.Core;
using DoorController.Hal;

namespace DoorController.Access
{
    /// <summary>
    /// The controller's durable record of first uses of limited keys (one-time codes, keys that expire after their
    /// first use), so a key used offline stays used, or keeps its deadline, across a restart and a new cache bundle.
    /// The ledger lives on flash only: a lookup (made only for a limited key) reads the small file an entry at a time,
    /// and a new first use rewrites it through a temporary file and an atomic replace (LittleFS makes a write durable
    /// only on close), copying the old entries across one by one. RAM holds one entry-sized buffer, and at most one
    /// use whose save failed: it still counts in lookups and goes to flash with the next save; if that save fails too,
    /// the newer use is the one kept. A damaged or missing file reads as empty; the server's copy (every bundle carries
    /// a used key's deadline, a spent one-time code leaves the bundle) still bounds what that can let through.
    /// When the file holds its capacity, a new key replaces the entry with the oldest first use (the key most likely
    /// already past its validity), as <see cref="KeyUseTable"/> does.
    /// Layout: "DCKU", version 1 (2), count (2), count x (hash 16, first use unix s 8), CRC-32 of all before it (4).
    /// </summary>
    public sealed class KeyUseFile : IKeyUseLedger
    {
        public const string DefaultName = "keyuse.bin";
        public const int DefaultCapacity = 32;
        private const int HeaderLength = 8;
        private const int HashLength = CredentialHasher.HashLength;
        private const int EntryLength = HashLength + 8;
        private const int Version = 1;
        private readonly IFileStore _files;
        private readonly string _name;
        private readonly int _capacity;
        private readonly byte[] _entry = new byte[EntryLength]; // one entry (also holds the header and the CRC)
        private readonly byte[] _unsaved = new byte[HashLength];
        private long _unsavedAt; // 0: nothing waiting to be saved
        private bool _present; // the file exists: listed once when opened (a listing allocates every file name), then ours

        // What the last Scan found in the file.
        private int _count;
        private int _match;
        private long _matchAt;
        private int _oldest;

        private KeyUseFile(IFileStore files, string name, int capacity)
        {
            _files = files;
            _name = name;
            _capacity = capacity < 0 ? 0 : capacity;
        }

        /// <summary>True when the last save failed (the use is still kept in RAM until the next save).</summary>
        public bool SaveFailed { get; private set; }

        /// <summary>Keys recorded: the file's entries, plus a use whose save failed.</summary>
        public int Count
        {
            get
            {
                bool valid = Scan(_unsavedAt == 0 ? null : _unsaved, 0);
                int count = valid ? _count : 0;
                return _unsavedAt != 0 && _match < 0 ? count + 1 : count;
            }
        }

        /// <summary>A ledger on <paramref name="name"/>; a missing or damaged file reads as empty.</summary>
        public static KeyUseFile Open(IFileStore files, string name, int capacity)
        {
            KeyUseFile f = new KeyUseFile(files, name, capacity);
            try
            {
                f._present = f.Listed();
            }
            catch (Exception)
            {
                f._present = false; // no listing: empty until the first save writes the file
            }
            return f;
        }

        public long FirstUse(byte[] hash, int offset)
        {
            long onFlash = Scan(hash, offset) ? _matchAt : 0;
            long unsaved = IsUnsaved(hash, offset) ? _unsavedAt : 0;
            if (onFlash == 0 || (unsaved != 0 && unsaved < onFlash))
            {
                return unsaved;
            }
            return onFlash;
        }

        public void RecordUse(byte[] hash, int offset, long atUnix)
        {
            if (atUnix <= 0 || _capacity == 0)
            {
                return;
            }
            long known = FirstUse(hash, offset);
            if (known != 0 && known <= atUnix)
            {
                if (_unsavedAt != 0)
                {
                    Save(); // nothing new: another try for the use a failed save left behind
                }
                return;
            }
            if (_unsavedAt != 0 && !IsUnsaved(hash, offset))
            {
                Save(); // the older unsaved use first; if it fails again, the newer use takes its place
            }
            Array.Copy(hash, offset, _unsaved, 0, HashLength);
            _unsavedAt = atUnix;
            Save();
        }

        private bool IsUnsaved(byte[] hash, int offset)
        {
            return _unsavedAt != 0 && SameHash(_unsaved, 0, hash, offset);
        }

        private static bool SameHash(byte[] a, int aOffset, byte[] b, int bOffset)
        {
            for (int k = 0; k < HashLength; k++)
            {
                if (a[aOffset + k] != b[bOffset + k])
                {
                    return false;
                }
            }
            return true;
        }

        private bool Listed()
        {
            string[] names = _files.List(_name);
            for (int i = 0; i < names.Length; i++)
            {
                if (names[i] == _name)
                {
                    return true;
                }
            }
            return false;
        }

        /// <summary>Reads the whole file through the entry buffer (no file image in RAM): its count, the entry holding
        /// <paramref name="hash"/> (when given) and the oldest entry. False, with nothing found, when there is no
        /// complete key-use file with a matching CRC.</summary>
        private bool Scan(byte[] hash, int offset)
        {
            bool valid = false;
            try
            {
                if (_present)
                {
                    Stream s = _files.Open(_name, false);
                    try
                    {
                        valid = ScanStream(s, hash, offset);
                    }
                    finally
                    {
                        s.Close();
                    }
                }
            }
            catch (Exception)
            {
                valid = false; // unreadable: empty (see the class comment)
            }
            if (!valid)
            {
                _count = 0;
                _match = -1;
                _matchAt = 0;
                _oldest = -1;
            }
            return valid;
        }

        private bool ScanStream(Stream s, byte[] hash, int offset)
        {
            _count = 0;
            _match = -1;
            _matchAt = 0;
            _oldest = -1;
            long oldestAt = 0;
            uint crc;
            if (!ReadHeader(s, out _count, out crc))
            {
                return false;
            }
            for (int i = 0; i < _count; i++)
            {
                if (StreamReads.ReadUpTo(s, _entry, 0, EntryLength) != EntryLength)
                {
                    return false;
                }
                crc = Crc32.Update(crc, _entry, 0, EntryLength);
                long at = LittleEndian.ReadInt64(_entry, HashLength);
                if (hash != null && _match < 0 && SameHash(_entry, 0, hash, offset))
                {
                    _match = i;
                    _matchAt = at;
                }
                if (_oldest < 0 || at < oldestAt)
                {
                    _oldest = i;
                    oldestAt = at;
                }
            }
            return ReadCrc(s, crc);
        }

        private bool ReadHeader(Stream s, out int count, out uint crc)
        {
            count = 0;
            crc = 0;
            if (StreamReads.ReadUpTo(s, _entry, 0, HeaderLength) != HeaderLength || _entry[0] != 'D' || _entry[1] != 'C'
                || _entry[2] != 'K' || _entry[3] != 'U' || LittleEndian.ReadUInt16(_entry, 4) != Version)
            {
                return false;
            }
            count = LittleEndian.ReadUInt16(_entry, 6);
            crc = Crc32.Update(Crc32.Start(), _entry, 0, HeaderLength);
            return true;
        }

        private bool ReadCrc(Stream s, uint crc)
        {
            return StreamReads.ReadUpTo(s, _entry, 0, 4) == 4 && LittleEndian.ReadUInt32(_entry, 0) == Crc32.Finish(crc);
        }

        /// <summary>Writes the unsaved use to flash; on success nothing is left unsaved.</summary>
        private void Save()
        {
            try
            {
                Rewrite();
                _unsavedAt = 0;
                SaveFailed = false;
            }
            catch (Exception)
            {
                SaveFailed = true;
            }
        }

        /// <summary>The file again with the unsaved use merged in: the key's entry gets the earlier time, or a new key
        /// is appended, or replaces the oldest entry when the file is full. Throws when anything fails (the old
        /// file then stays as it was).</summary>
        private void Rewrite()
        {
            int count = Scan(_unsaved, 0) ? _count : 0;
            int match = _match;
            int replace = match >= 0 ? match : (count < _capacity ? -1 : _oldest);
            int newCount = replace < 0 ? count + 1 : count;
            string temp = _name + ".new";
            Stream t = _files.Open(temp, true);
            try
            {
                t.SetLength(0);
                uint crc = WriteHeader(t, newCount);
                if (count > 0)
                {
                    crc = CopyEntries(t, crc, count, replace, match);
                }
                if (replace < 0)
                {
                    Array.Copy(_unsaved, 0, _entry, 0, HashLength);
                    LittleEndian.WriteInt64(_entry, HashLength, _unsavedAt);
                    crc = Crc32.Update(crc, _entry, 0, EntryLength);
                    t.Write(_entry, 0, EntryLength);
                }
                LittleEndian.WriteUInt32(_entry, 0, Crc32.Finish(crc));
                t.Write(_entry, 0, 4);
                t.Flush();
            }
            finally
            {
                t.Close();
            }
            _files.Replace(temp, _name);
            _present = true;
        }

        private uint WriteHeader(Stream t, int count)
        {
            _entry[0] = (byte)'D';
            _entry[1] = (byte)'C';
            _entry[2] = (byte)'K';
            _entry[3] = (byte)'U';
            LittleEndian.WriteUInt16(_entry, 4, Version);
            LittleEndian.WriteUInt16(_entry, 6, (ushort)count);
            t.Write(_entry, 0, HeaderLength);
            return Crc32.Update(Crc32.Start(), _entry, 0, HeaderLength);
        }

        /// <summary>Copies the old file's entries into <paramref name="t"/>, entry <paramref name="replace"/> changed
        /// for the unsaved use; the old file's CRC is checked again, as it is read the second time.</summary>
        private uint CopyEntries(Stream t, uint crc, int count, int replace, int match)
        {
            Stream s = _files.Open(_name, false);
            try
            {
                int oldCount;
                uint oldCrc;
                if (!ReadHeader(s, out oldCount, out oldCrc) || oldCount != count)
                {
                    throw new IOException("key-use file changed while copied");
                }
                for (int i = 0; i < count; i++)
                {
                    if (StreamReads.ReadUpTo(s, _entry, 0, EntryLength) != EntryLength)
                    {
                        throw new IOException("key-use file shorter than its count");
                    }
                    oldCrc = Crc32.Update(oldCrc, _entry, 0, EntryLength);
                    if (i == replace)
                    {
                        long at = i == match && LittleEndian.ReadInt64(_entry, HashLength) < _unsavedAt
                            ? LittleEndian.ReadInt64(_entry, HashLength) : _unsavedAt;
                        Array.Copy(_unsaved, 0, _entry, 0, HashLength);
                        LittleEndian.WriteInt64(_entry, HashLength, at);
                    }
                    crc = Crc32.Update(crc, _entry, 0, EntryLength);
                    t.Write(_entry, 0, EntryLength);
                }
                if (!ReadCrc(s, oldCrc))
                {
                    throw new IOException("key-use file changed while copied");
                }
            }
            finally
            {
                s.Close();
            }
            return crc;
        }
    }
}

using System;
using System.IO;
using DoorController.Core;
using DoorController.Hal;

namespace DoorController.Access
{
    /// <summary>
    /// The controller's durable record of first uses of limited keys (one-time codes, keys that expire after their
    /// first use), so a key used offline stays used, or keeps its deadline, across a restart and a new cache bundle.
    /// A new first use rewrites the small file through a temporary file and an atomic replace (LittleFS makes a write
    /// durable only on close). A damaged or missing file starts empty; the server's copy (every bundle carries a used
    /// key's deadline, a spent one-time code leaves the bundle) still bounds what that can let through.
    /// Layout: "DCKU", version 1 (2), count (2), count x (hash 16, first use unix s 8), CRC-32 of all before it (4).
    /// </summary>
    public sealed class KeyUseFile : IKeyUseLedger
    {
        public const string DefaultName = "keyuse.bin";
        public const int DefaultCapacity = 32;
        private const int HeaderLength = 8;
        private const int EntryLength = CredentialHasher.HashLength + 8;
        private const int Version = 1;
        private readonly IFileStore _files;
        private readonly string _name;
        private readonly KeyUseTable _table;
        private readonly byte[] _entry = new byte[EntryLength]; // one entry (also holds the header and the CRC)

        private KeyUseFile(IFileStore files, string name, int capacity)
        {
            _files = files;
            _name = name;
            _table = new KeyUseTable(capacity);
        }

        /// <summary>True when the last save failed (the use is still kept in RAM).</summary>
        public bool SaveFailed { get; private set; }

        public int Count
        {
            get { return _table.Count; }
        }

        /// <summary>Opens and loads <paramref name="name"/>; a missing or damaged file gives an empty ledger.</summary>
        public static KeyUseFile Open(IFileStore files, string name, int capacity)
        {
            KeyUseFile f = new KeyUseFile(files, name, capacity);
            f.Load();
            return f;
        }

        public long FirstUse(byte[] hash, int offset)
        {
            return _table.FirstUse(hash, offset);
        }

        public void RecordUse(byte[] hash, int offset, long atUnix)
        {
            if (_table.Merge(hash, offset, atUnix))
            {
                Save();
            }
        }

        private void Load()
        {
            try
            {
                string[] names = _files.List(_name);
                bool present = false;
                for (int i = 0; i < names.Length; i++)
                {
                    present |= names[i] == _name;
                }
                if (!present)
                {
                    return;
                }
                Stream s = _files.Open(_name, false);
                try
                {
                    if (!Parse(s))
                    {
                        _table.Clear();
                    }
                }
                finally
                {
                    s.Close();
                }
            }
            catch (Exception)
            {
                _table.Clear(); // unreadable: start empty (see the class comment)
            }
        }

        /// <summary>Reads the file an entry at a time through one entry-sized buffer (no file image in RAM); false when
        /// it is not a complete key-use file with a matching CRC.</summary>
        private bool Parse(Stream s)
        {
            if (StreamReads.ReadUpTo(s, _entry, 0, HeaderLength) != HeaderLength || _entry[0] != 'D' || _entry[1] != 'C'
                || _entry[2] != 'K' || _entry[3] != 'U' || LittleEndian.ReadUInt16(_entry, 4) != Version)
            {
                return false;
            }
            int count = LittleEndian.ReadUInt16(_entry, 6);
            uint crc = Crc32.Update(Crc32.Start(), _entry, 0, HeaderLength);
            for (int i = 0; i < count; i++)
            {
                if (StreamReads.ReadUpTo(s, _entry, 0, EntryLength) != EntryLength)
                {
                    return false;
                }
                crc = Crc32.Update(crc, _entry, 0, EntryLength);
                _table.Merge(_entry, 0, LittleEndian.ReadInt64(_entry, CredentialHasher.HashLength));
            }
            return StreamReads.ReadUpTo(s, _entry, 0, 4) == 4 && LittleEndian.ReadUInt32(_entry, 0) == Crc32.Finish(crc);
        }

        private void Save()
        {
            string temp = _name + ".new";
            try
            {
                Stream s = _files.Open(temp, true);
                try
                {
                    s.SetLength(0);
                    WriteImage(s);
                    s.Flush();
                }
                finally
                {
                    s.Close();
                }
                _files.Replace(temp, _name);
                SaveFailed = false;
            }
            catch (Exception)
            {
                SaveFailed = true;
            }
        }

        private void WriteImage(Stream s)
        {
            int count = _table.Count;
            _entry[0] = (byte)'D';
            _entry[1] = (byte)'C';
            _entry[2] = (byte)'K';
            _entry[3] = (byte)'U';
            LittleEndian.WriteUInt16(_entry, 4, Version);
            LittleEndian.WriteUInt16(_entry, 6, (ushort)count);
            uint crc = Crc32.Update(Crc32.Start(), _entry, 0, HeaderLength);
            s.Write(_entry, 0, HeaderLength);
            for (int i = 0; i < count; i++)
            {
                LittleEndian.WriteInt64(_entry, CredentialHasher.HashLength, _table.EntryAt(i, _entry, 0));
                crc = Crc32.Update(crc, _entry, 0, EntryLength);
                s.Write(_entry, 0, EntryLength);
            }
            LittleEndian.WriteUInt32(_entry, 0, Crc32.Finish(crc));
            s.Write(_entry, 0, 4);
        }
    }
}

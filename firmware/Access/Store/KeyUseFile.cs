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
        public const int DefaultCapacity = 128;
        private const int HeaderLength = 8;
        private const int EntryLength = CredentialHasher.HashLength + 8;
        private const int Version = 1;
        private readonly IFileStore _files;
        private readonly string _name;
        private readonly KeyUseTable _table;
        private readonly byte[] _image;

        private KeyUseFile(IFileStore files, string name, int capacity)
        {
            _files = files;
            _name = name;
            _table = new KeyUseTable(capacity);
            _image = new byte[HeaderLength + capacity * EntryLength + 4];
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
                    int length = StreamReads.ReadUpTo(s, _image, 0, _image.Length);
                    Parse(length);
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

        private void Parse(int length)
        {
            if (length < HeaderLength + 4 || _image[0] != 'D' || _image[1] != 'C' || _image[2] != 'K' || _image[3] != 'U'
                || LittleEndian.ReadUInt16(_image, 4) != Version)
            {
                return;
            }
            int count = LittleEndian.ReadUInt16(_image, 6);
            int end = HeaderLength + count * EntryLength;
            if (end + 4 > length || LittleEndian.ReadUInt32(_image, end) != Crc32.Compute(_image, 0, end))
            {
                return;
            }
            for (int i = 0; i < count; i++)
            {
                int at = HeaderLength + i * EntryLength;
                _table.Merge(_image, at, LittleEndian.ReadInt64(_image, at + CredentialHasher.HashLength));
            }
        }

        private void Save()
        {
            int count = _table.Count;
            _image[0] = (byte)'D';
            _image[1] = (byte)'C';
            _image[2] = (byte)'K';
            _image[3] = (byte)'U';
            LittleEndian.WriteUInt16(_image, 4, Version);
            LittleEndian.WriteUInt16(_image, 6, (ushort)count);
            for (int i = 0; i < count; i++)
            {
                int at = HeaderLength + i * EntryLength;
                LittleEndian.WriteInt64(_image, at + CredentialHasher.HashLength, _table.EntryAt(i, _image, at));
            }
            int end = HeaderLength + count * EntryLength;
            LittleEndian.WriteUInt32(_image, end, Crc32.Compute(_image, 0, end));
            string temp = _name + ".new";
            try
            {
                Stream s = _files.Open(temp, true);
                try
                {
                    s.SetLength(0);
                    s.Write(_image, 0, end + 4);
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
    }
}

using System;
using System.IO;
using DoorController.Core;
using DoorController.Hal;

namespace DoorController.Access
{
    /// <summary>
    /// Looks credentials up in a store file (<see cref="CredentialStoreFormat"/>) without loading it: the records are
    /// searched on flash (<see cref="RecordSearch"/>, a sparse RAM index of fixed size), the found record's profile
    /// is then read (20 bytes) and its holder made available through <see cref="Holder"/>. RAM does not depend on the
    /// number of credentials, profiles or people. A store with no records is the shared part of a sharded store
    /// (<see cref="ShardedCredentialDirectory"/>): profiles, permission sets and site config.
    /// Opening verifies the header, the CRC-32 of the records and of the profiles, permission sets and site config,
    /// and the records' strict order in one sequential pass; a corrupt or unreadable file makes every lookup return
    /// <see cref="ReasonCode.CredentialStoreCorrupt"/>.
    /// </summary>
    public sealed class FileCredentialDirectory : ICredentialDirectory
    {
        public const int DefaultIndexEntries = 96;
        private readonly Stream _stream;
        private readonly long _base;
        private readonly RecordSearch _records = new RecordSearch();
        private readonly byte[] _header = new byte[CredentialStoreFormat.HeaderSize];
        private readonly byte[] _profile = new byte[CredentialStoreFormat.ProfileSize];
        private readonly StoreLayout _layout = new StoreLayout();
        private readonly StoreHolder _holder;
        private ReasonCode _status = ReasonCode.CredentialStoreUnavailable;
        private int _count;
        private uint _generation;

        /// <summary>Opens a store starting at <paramref name="baseOffset"/> of <paramref name="stream"/>. Never throws.</summary>
        public FileCredentialDirectory(Stream stream, long baseOffset, int indexEntries)
        {
            _stream = stream;
            _base = baseOffset;
            _holder = new StoreHolder(this);
            if (stream == null)
            {
                return;
            }
            try
            {
                _status = Load(indexEntries < 1 ? 1 : indexEntries);
            }
            catch (Exception)
            {
                _status = ReasonCode.CredentialStoreCorrupt;
            }
            if (_status != ReasonCode.Granted)
            {
                _count = 0;
            }
        }

        /// <summary>Opens <paramref name="name"/> from a file store; a missing file gives a directory whose status is unavailable.</summary>
        public static FileCredentialDirectory Open(IFileStore store, string name, long baseOffset)
        {
            Stream s = null;
            try
            {
                if (store != null && store.List(name).Length > 0)
                {
                    s = store.Open(name, false);
                }
            }
            catch (Exception)
            {
                s = null;
            }
            return new FileCredentialDirectory(s, baseOffset, DefaultIndexEntries);
        }

        /// <summary><see cref="ReasonCode.Granted"/> when the file is usable, otherwise why not.</summary>
        public ReasonCode Status
        {
            get { return _status; }
        }

        public int Count
        {
            get { return _count; }
        }

        public uint Generation
        {
            get { return _generation; }
        }

        /// <summary>The stream, for reading the site config (<see cref="SiteCacheReader"/>).</summary>
        public Stream Stream
        {
            get { return _stream; }
        }

        /// <summary>The holder of the credential the last successful <see cref="Find"/> returned: user and permissions.</summary>
        public StoreHolder Holder
        {
            get { return _holder; }
        }

        /// <summary>Absolute offset of the site config in the stream, or -1 when the store has none.</summary>
        public long SiteConfigPosition
        {
            get { return _layout.SiteLength > 0 && _status == ReasonCode.Granted ? _base + _layout.SiteOffset : -1; }
        }

        public int SiteConfigLength
        {
            get { return _layout.SiteLength; }
        }

        public ReasonCode Find(byte[] hash, int offset, CredentialInfo into)
        {
            _holder.Forget();
            if (_status != ReasonCode.Granted)
            {
                return _status;
            }
            if (hash == null || offset < 0 || offset + CredentialHasher.HashLength > hash.Length || into == null)
            {
                return ReasonCode.UnknownCredential;
            }
            try
            {
                int at = _records.Search(hash, offset);
                if (at < 0)
                {
                    return ReasonCode.UnknownCredential;
                }
                Decode(_records.Block, _records.OffsetInBlock(at), hash, offset, at, into);
                return ReasonCode.Granted;
            }
            catch (Exception)
            {
                return Fail();
            }
        }

        /// <summary>Reads permission set <paramref name="set"/> into <paramref name="into"/>; its length, or -1 when out of range.</summary>
        internal int ReadPermissionSet(int set, byte[] into)
        {
            if (set < 0 || set >= _layout.Sets)
            {
                return -1;
            }
            try
            {
                long table = _base + _layout.SetsOffset;
                int dataLength = _layout.SetsLength - 4 * _layout.Sets;
                ReadAt(table + 4L * set, _profile, set + 1 < _layout.Sets ? 8 : 4); // this set's offset and the next one's
                int start = LittleEndian.ReadInt32(_profile, 0);
                int end = set + 1 < _layout.Sets ? LittleEndian.ReadInt32(_profile, 4) : dataLength;
                if (start < 0 || end < start || end > dataLength || end - start > into.Length)
                {
                    Fail();
                    return -1;
                }
                ReadAt(table + 4L * _layout.Sets + start, into, end - start);
                return end - start;
            }
            catch (Exception)
            {
                Fail();
                return -1;
            }
        }

        private ReasonCode Fail()
        {
            _status = ReasonCode.CredentialStoreCorrupt; // flash read failed or the file lies: stop trusting it
            _records.Detach();
            _holder.Forget();
            return _status;
        }

        /// <summary>
        /// Fills <paramref name="into"/> from the record at <paramref name="record"/> of <paramref name="block"/> and this
        /// store's profile it names, and loads its holder. Throws when the profile is out of range or unreadable.
        /// </summary>
        internal void Decode(byte[] block, int record, byte[] hash, int offset, int position, CredentialInfo into)
        {
            int profile = CredentialStoreFormat.ProfileAt(block, record);
            System.Array.Copy(hash, offset, into.Hash, 0, CredentialHasher.HashLength);
            into.UserId = CredentialStoreFormat.UserIdAt(block, record);
            into.Index = position;
            if (profile >= _layout.Profiles)
            {
                throw new IOException("record names profile " + profile + " of " + _layout.Profiles);
            }
            ReadAt(_base + _layout.ProfilesOffset + (long)profile * CredentialStoreFormat.ProfileSize, _profile, CredentialStoreFormat.ProfileSize);
            _holder.Load(CredentialStoreFormat.DecodeProfile(_profile, 0, into, _holder.User));
        }

        /// <summary>Profiles in the store: a record naming one at or above it is corrupt.</summary>
        public int Profiles
        {
            get { return _layout.Profiles; }
        }

        /// <summary>CRC-32 of the profiles, permission sets and site config: what a shard built for them names.</summary>
        public uint TailCrc
        {
            get { return LittleEndian.ReadUInt32(_header, CredentialStoreFormat.SiteCrcOffset); }
        }

        /// <summary>Absolute offset of the first byte after the store.</summary>
        public long End
        {
            get { return _base + _layout.End; }
        }

        /// <summary>The record search over this store's records (idle in a store without records).</summary>
        public RecordSearch Records
        {
            get { return _records; }
        }

        /// <summary>The regions of the store (offsets relative to its start).</summary>
        public StoreLayout Layout
        {
            get { return _layout; }
        }

        /// <summary>Absolute offset of the store's first byte.</summary>
        public long Base
        {
            get { return _base; }
        }

        private void ReadAt(long position, byte[] buffer, int count)
        {
            _stream.Seek(position, SeekOrigin.Begin);
            if (!StreamReads.ReadExactly(_stream, buffer, 0, count))
            {
                throw new IOException("store file ends early");
            }
        }

        private ReasonCode Load(int indexEntries)
        {
            ReadAt(_base, _header, CredentialStoreFormat.HeaderSize);
            if (!CredentialStoreFormat.TryReadHeader(_header, _layout) || _stream.Length < _base + _layout.End)
            {
                return ReasonCode.CredentialStoreCorrupt;
            }
            _generation = LittleEndian.ReadUInt32(_header, CredentialStoreFormat.GenerationOffset);
            _count = _layout.Records;
            _records.Attach(_stream, _base + CredentialStoreFormat.HeaderSize, _count, indexEntries, 0, uint.MaxValue);
            if (!_records.Scan(LittleEndian.ReadUInt32(_header, CredentialStoreFormat.RecordsCrcOffset), _layout.Profiles)
                || !RestMatches(LittleEndian.ReadUInt32(_header, CredentialStoreFormat.SiteCrcOffset)))
            {
                _records.Detach();
                return ReasonCode.CredentialStoreCorrupt;
            }
            return ReasonCode.Granted;
        }

        /// <summary>CRC of profiles, permission sets and site config, read in block-sized pieces.</summary>
        private bool RestMatches(uint expectedCrc)
        {
            long length = _layout.End - _layout.ProfilesOffset;
            _stream.Seek(_base + _layout.ProfilesOffset, SeekOrigin.Begin);
            uint crc = Crc32.Start();
            byte[] buffer = _records.Block;
            while (length > 0)
            {
                int n = length < buffer.Length ? (int)length : buffer.Length;
                if (!StreamReads.ReadExactly(_stream, buffer, 0, n))
                {
                    return false;
                }
                crc = Crc32.Update(crc, buffer, 0, n);
                length -= n;
            }
            _records.BlockReused();
            return Crc32.Finish(crc) == expectedCrc;
        }
    }
}

using System;
using System.IO;
using DoorController.Core;
using DoorController.Hal;

namespace DoorController.Access
{
    /// <summary>
    /// Looks credentials up in a sharded store (<see cref="ShardFormat"/>): the shard a hash belongs to is searched
    /// on flash (one shard file open at a time, <see cref="RecordSearch"/> without an index), and the record found is
    /// decoded against the shared part (<see cref="FileCredentialDirectory"/> with no records: profiles, permission
    /// sets, site config). RAM per shard is its record count and a state byte, whatever the number of credentials.
    /// Every shard is verified when it is loaded (header CRC, records CRC, order, hash range, profile indexes); a
    /// shard that is missing or corrupt answers <see cref="ReasonCode.CredentialStoreUnavailable"/> or
    /// <see cref="ReasonCode.CredentialStoreCorrupt"/>, and one built for other profiles and permission sets than the
    /// shared part holds answers <see cref="ReasonCode.CredentialStoreMismatch"/>: a deny, never a decision from
    /// tables it was not built for. The other shards keep answering.
    /// </summary>
    public sealed class ShardedCredentialDirectory : ICredentialDirectory
    {
        private const byte Missing = 0;
        private const byte Ready = 1;
        private const byte Corrupt = 2;
        private const byte Mismatched = 3;
        /// <summary>Flag on a shard's state: it is the shard the shared part's table lists.</summary>
        private const byte Listed = 0x80;

        private readonly IFileStore _files;
        private readonly FileCredentialDirectory _shared;
        private readonly int _bits;
        private readonly int[] _counts;
        private readonly byte[] _states;
        private readonly byte[] _header = new byte[ShardFormat.HeaderSize];
        private readonly RecordSearch _search;
        private Stream _open;
        private int _openShard = -1;

        private ShardedCredentialDirectory(IFileStore files, FileCredentialDirectory shared, int bits)
        {
            _files = files;
            _shared = shared;
            _bits = bits;
            _counts = new int[1 << bits];
            _states = new byte[1 << bits];
            _search = shared.Records; // the shared part has no records to search: its search serves the shards
        }

        /// <summary>
        /// Opens the shards listed in the table that follows the shared store; null when <paramref name="shared"/> is not
        /// a usable store without records or its table is unreadable (the caller then has no sharded store).
        /// </summary>
        public static ShardedCredentialDirectory Open(IFileStore files, FileCredentialDirectory shared)
        {
            try
            {
                if (shared == null || shared.Status != ReasonCode.Granted || shared.Count != 0)
                {
                    return null;
                }
                byte[] head = new byte[4];
                Stream s = shared.Stream;
                s.Seek(shared.End, SeekOrigin.Begin);
                if (!StreamReads.ReadExactly(s, head, 0, 4) || head[0] > ShardFormat.MaxBits)
                {
                    return null;
                }
                if (s.Length != shared.End + ShardFormat.TableLength(head[0]))
                {
                    return null;
                }
                ShardedCredentialDirectory d = new ShardedCredentialDirectory(files, shared, head[0]);
                for (int k = 0; k < d._counts.Length; k++)
                {
                    d.ReloadShard(k);
                }
                return d;
            }
            catch (Exception)
            {
                return null;
            }
        }

        /// <summary>The shared part: profiles, permission sets, the holder of the last credential found, site config.</summary>
        public FileCredentialDirectory Shared
        {
            get { return _shared; }
        }

        public int Bits
        {
            get { return _bits; }
        }

        /// <summary>Credentials in the shards that answer.</summary>
        public int Count
        {
            get
            {
                int n = 0;
                for (int k = 0; k < _counts.Length; k++)
                {
                    n += (_states[k] & ~Listed) == Ready ? _counts[k] : 0;
                }
                return n;
            }
        }

        /// <summary>Shards that are not the ones the shared part lists (an install not finished), or do not answer.</summary>
        public int ShardsBehind
        {
            get
            {
                int n = 0;
                for (int k = 0; k < _states.Length; k++)
                {
                    n += _states[k] == (Ready | Listed) ? 0 : 1;
                }
                return n;
            }
        }

        /// <summary>True when every shard answers and is the one the shared part's table lists: the store is one version.</summary>
        public bool Complete
        {
            get { return ShardsBehind == 0; }
        }

        public ReasonCode Find(byte[] hash, int offset, CredentialInfo into)
        {
            _shared.Holder.Forget();
            if (hash == null || offset < 0 || offset + CredentialHasher.HashLength > hash.Length || into == null)
            {
                return ReasonCode.UnknownCredential;
            }
            int k = ShardFormat.ShardOf(hash, offset, _bits);
            switch (_states[k] & ~Listed)
            {
                case Ready: break;
                case Mismatched: return ReasonCode.CredentialStoreMismatch;
                case Corrupt: return ReasonCode.CredentialStoreCorrupt;
                default: return ReasonCode.CredentialStoreUnavailable;
            }
            try
            {
                if (_openShard != k)
                {
                    CloseOpenShard();
                    _open = _files.Open(ShardFormat.NameOf(k, _bits), false);
                    _openShard = k;
                }
                // Attached on every lookup: the search is the shared part's, which may have detached it (allocates nothing).
                _search.Attach(_open, ShardFormat.HeaderSize, _counts[k], 0, ShardFormat.LowestPrefix(k, _bits), ShardFormat.HighestPrefix(k, _bits));
                int at = _search.Search(hash, offset);
                if (at < 0)
                {
                    return ReasonCode.UnknownCredential;
                }
                _shared.Decode(_search.Block, _search.OffsetInBlock(at), hash, offset, (k << 20) | at, into);
                return ReasonCode.Granted;
            }
            catch (Exception)
            {
                CloseOpenShard();
                _states[k] = (byte)((_states[k] & Listed) | Corrupt); // the file lies or flash failed: stop trusting this shard
                return ReasonCode.CredentialStoreCorrupt;
            }
        }

        /// <summary>True when shard <paramref name="shard"/>'s file was verified whole (whichever shared tables it names).</summary>
        public bool Verified(int shard)
        {
            int state = _states[shard] & ~Listed;
            return state == Ready || state == Mismatched;
        }

        /// <summary>Reads shard <paramref name="shard"/>'s header into <paramref name="into"/>; false when it has no valid one.</summary>
        public bool TryReadHeader(int shard, byte[] into)
        {
            Stream s = null;
            try
            {
                if (_files.List(ShardFormat.NameOf(shard, _bits)).Length == 0)
                {
                    return false;
                }
                s = _openShard == shard ? _open : _files.Open(ShardFormat.NameOf(shard, _bits), false);
                s.Seek(0, SeekOrigin.Begin);
                return StreamReads.ReadExactly(s, into, 0, ShardFormat.HeaderSize) && ShardFormat.IsHeaderOf(into, shard, _bits);
            }
            catch (Exception)
            {
                return false;
            }
            finally
            {
                if (s != null && s != _open)
                {
                    s.Close();
                }
            }
        }

        /// <summary>Closes shard <paramref name="shard"/> before its file is replaced; it answers "unavailable" until <see cref="ReloadShard"/>.</summary>
        public void ReleaseShard(int shard)
        {
            if (_openShard == shard)
            {
                CloseOpenShard();
            }
            _states[shard] = Missing;
        }

        /// <summary>Verifies shard <paramref name="shard"/>'s file and lets it answer when it is whole and built for the shared part.</summary>
        public void ReloadShard(int shard)
        {
            ReleaseShard(shard);
            Stream s = null;
            byte state = Missing;
            try
            {
                if (_files.List(ShardFormat.NameOf(shard, _bits)).Length > 0)
                {
                    s = _files.Open(ShardFormat.NameOf(shard, _bits), false);
                    state = Verify(s, shard);
                }
            }
            catch (Exception)
            {
                state = Corrupt;
            }
            finally
            {
                if (s != null)
                {
                    s.Close();
                }
            }
            _search.Detach();
            _states[shard] = (byte)(state | (state == Ready && IsListed(shard) ? Listed : 0));
        }

        /// <summary>True when the shard just verified (its header in the buffer) is the one the shared part's table lists.</summary>
        private bool IsListed(int shard)
        {
            byte[] entry = new byte[8];
            Stream s = _shared.Stream;
            s.Seek(_shared.End + 4 + 8L * shard, SeekOrigin.Begin);
            return StreamReads.ReadExactly(s, entry, 0, 8) && LittleEndian.ReadInt32(entry, 0) == _counts[shard]
                && LittleEndian.ReadUInt32(entry, 4) == ShardFormat.RecordsCrcOf(_header);
        }

        private byte Verify(Stream s, int shard)
        {
            if (!StreamReads.ReadExactly(s, _header, 0, ShardFormat.HeaderSize) || !ShardFormat.IsHeaderOf(_header, shard, _bits)
                || s.Length != ShardFormat.HeaderSize + (long)ShardFormat.CountOf(_header) * CredentialStoreFormat.RecordSize)
            {
                return Corrupt;
            }
            bool sameTables = ShardFormat.TailCrcOf(_header) == _shared.TailCrc;
            _counts[shard] = ShardFormat.CountOf(_header);
            _search.Attach(s, ShardFormat.HeaderSize, _counts[shard], 0, ShardFormat.LowestPrefix(shard, _bits), ShardFormat.HighestPrefix(shard, _bits));
            // Profile indexes can be checked only against the profiles the shard was built for.
            if (!_search.Scan(ShardFormat.RecordsCrcOf(_header), sameTables ? _shared.Profiles : CredentialStoreFormat.MaxProfiles + 1))
            {
                return Corrupt;
            }
            return sameTables ? Ready : Mismatched;
        }

        /// <summary>Closes every file (the link is about to replace the shared part).</summary>
        public void Close()
        {
            CloseOpenShard();
            if (_shared.Stream != null)
            {
                _shared.Stream.Close();
            }
        }

        private void CloseOpenShard()
        {
            if (_open != null)
            {
                _open.Close();
                _open = null;
            }
            _openShard = -1;
            _search.Detach();
        }
    }
}

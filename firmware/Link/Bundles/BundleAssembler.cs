using System;
using System.IO;
using DoorController.Core;
using DoorController.Hal;
using DoorController.Contract;

namespace DoorController.Link.Bundles
{
    /// <summary>
    /// Receives bundle chunks one by one, verifies each against the MAC chain, stages the body in a temp file and —
    /// only when the last chunk verified, the length matches and the staged bytes read back with the right CRC —
    /// installs it with one atomic <see cref="IFileStore.Replace"/>. A missing, forged, truncated, reordered, duplicate
    /// or oversize chunk never touches the installed cache. Never throws; every refusal has a status and a text.
    /// </summary>
    public sealed class BundleAssembler
    {
        public const string StagingName = "cache.stage";
        public const string MergeName = "cache.merge";

        /// <summary>Largest single write to the staging file (see <see cref="WriteStaging"/>).</summary>
        private const int StagingSliceBytes = 1024;

        /// <summary>Default cap on a bundle body (flash budget for the store), bytes.</summary>
        public const int DefaultMaxBodyBytes = 4 * 1024 * 1024;

        private readonly IFileStore _store;
        private readonly byte[] _key;
        private readonly ICacheStore _cacheStore;
        private BundleInfo _installed;
        private BundleInfo _pending;
        private Stream _staging;
        private IInPlaceInstall _inPlace;
        private int _nextIndex;
        private int _written;
        private uint _crc;
        private byte[] _lastMac;
        private byte[] _installedLastMac;

        public BundleAssembler(IFileStore store, byte[] deviceKey, ICacheStore cacheStore)
        {
            _store = store;
            _key = deviceKey;
            _cacheStore = cacheStore;
            MaxBodyBytes = DefaultMaxBodyBytes;
            MaxDeltaBytes = DefaultMaxBodyBytes;
            LastError = "";
        }

        /// <summary>Largest full bundle body (and merged delta) this controller has flash for.</summary>
        public int MaxBodyBytes { get; set; }

        /// <summary>Largest delta bundle body it can stage beside the installed cache and the merged one.</summary>
        public int MaxDeltaBytes { get; set; }

        /// <summary>The installed cache, or null before the first bundle.</summary>
        public BundleInfo Installed
        {
            get { return _installed; }
        }

        /// <summary>The version to report: 0 without a cache, and while an in-place install is incomplete (some shards
        /// are newer than the rest), so the server does not take a version for installed that is not.</summary>
        public long InstalledVersion
        {
            get { return _installed == null || (_cacheStore.InPlace != null && !_cacheStore.InPlace.Complete) ? 0 : _installed.Version; }
        }

        /// <summary>The bundle being received, or null.</summary>
        public BundleInfo Pending
        {
            get { return _pending; }
        }

        public string LastError { get; private set; }

        /// <summary>Boot: adopts a valid cache.bin; a corrupt one counts as none (the server then sends a full bundle).</summary>
        public void Load()
        {
            BundleInfo info;
            _installed = CacheFile.TryRead(_store, CacheFile.Name, out info) ? info : null;
            Abort();
        }

        /// <summary>Drops a half-received bundle (stall, reconnect).</summary>
        public void Abort()
        {
            CloseStaging();
            if (_inPlace != null)
            {
                _inPlace.Abort();
                _inPlace = null;
            }
            if (_pending != null)
            {
                TryDelete(StagingName);
            }
            _pending = null;
            _lastMac = null;
        }

        public BundleStatus Accept(byte[] chunk)
        {
            try
            {
                return AcceptChunk(chunk);
            }
            catch (Exception e)
            {
                Abort();
                return Refuse(BundleStatus.StorageFailed, "storage error while staging: " + e.Message);
            }
        }

        private BundleStatus AcceptChunk(byte[] chunk)
        {
            BundleInfo header = new BundleInfo();
            int index, dataLength;
            BundleStatus shape = BundleChunk.TryReadHeader(chunk, header, out index, out dataLength);
            if (shape != BundleStatus.Accepted)
            {
                return Refuse(shape, shape == BundleStatus.Oversize ? "chunk larger than " + BundleChunk.MaxChunkBytes + " bytes" : "not a bundle chunk");
            }
            if (_installedLastMac != null && index == header.ChunkCount - 1
                && KeyedHash.FixedTimeEquals(_installedLastMac, 0, chunk, BundleChunk.MacOffset, BundleChunk.MacLength))
            {
                return BundleStatus.Duplicate;
            }
            if (_pending != null && index == _nextIndex - 1 && header.SameBundleAs(_pending)
                && KeyedHash.FixedTimeEquals(_lastMac, 0, chunk, BundleChunk.MacOffset, BundleChunk.MacLength))
            {
                return BundleStatus.Duplicate;
            }
            byte[] previous;
            if (index == 0)
            {
                previous = new byte[BundleChunk.MacLength];
            }
            else if (_pending == null || index != _nextIndex)
            {
                return Refuse(BundleStatus.OutOfOrder, "chunk " + index + " out of order (expected " + (_pending == null ? 0 : _nextIndex) + ")");
            }
            else if (!header.SameBundleAs(_pending))
            {
                return Refuse(BundleStatus.Malformed, "chunk header differs from chunk 0");
            }
            else
            {
                previous = _lastMac;
            }

            byte[] mac = BundleChunk.ChainMac(_key, previous, chunk);
            if (!KeyedHash.FixedTimeEquals(mac, 0, chunk, BundleChunk.MacOffset, BundleChunk.MacLength))
            {
                return Refuse(BundleStatus.BadMac, "chunk " + index + " MAC mismatch");
            }
            if (index == 0)
            {
                BundleStatus start = Start(header);
                if (start != BundleStatus.Accepted)
                {
                    return start;
                }
            }
            if (_written + dataLength > _pending.BodyLength)
            {
                Abort();
                return Refuse(BundleStatus.Oversize, "chunks exceed the declared body length");
            }
            if (_inPlace != null)
            {
                _inPlace.Write(chunk, BundleChunk.HeaderLength, dataLength);
            }
            else
            {
                WriteStaging(chunk, BundleChunk.HeaderLength, dataLength);
            }
            _crc = Crc32.Update(_crc, chunk, BundleChunk.HeaderLength, dataLength);
            _written += dataLength;
            _lastMac = mac;
            _nextIndex = index + 1;
            if (_nextIndex < _pending.ChunkCount)
            {
                return BundleStatus.Accepted;
            }
            return Finish();
        }

        private BundleStatus Start(BundleInfo header)
        {
            // Versions only grow: never below the installed shared part, even while the store is incomplete (then the
            // same version may come again to finish it), so a replayed older bundle cannot roll the cache back.
            uint floor = _installed == null ? 0 : _installed.Version;
            if (header.Version < floor || (header.Version == floor && InstalledVersion != 0))
            {
                return Refuse(BundleStatus.StaleVersion, "version " + header.Version + " not newer than installed " + floor);
            }
            if (header.Kind == BundleKind.Delta && (_installed == null || header.BaseVersion != InstalledVersion))
            {
                return Refuse(BundleStatus.WrongBase, "delta base " + header.BaseVersion + " does not match installed " + InstalledVersion);
            }
            int limit = header.Kind == BundleKind.Delta ? MaxDeltaBytes : MaxBodyBytes;
            if (header.BodyLength > limit)
            {
                return Refuse(BundleStatus.Oversize, (header.Kind == BundleKind.Delta ? "delta body " : "body ") + header.BodyLength
                    + " bytes exceeds this board's " + limit);
            }
            Abort();
            if (header.Kind == BundleKind.Full && _cacheStore.InPlace != null)
            {
                _inPlace = _cacheStore.InPlace; // the body goes to the shards as it arrives: no second copy staged
                _inPlace.Begin(header);
            }
            else
            {
                _staging = LinkFiles.CreateEmpty(_store, StagingName);
                CacheFile.WriteHeader(_staging, header, 0);
            }
            _pending = header;
            _nextIndex = 0;
            _written = 0;
            _crc = Crc32.Start();
            return BundleStatus.Accepted;
        }

        private BundleStatus Finish()
        {
            BundleInfo bundle = _pending;
            if (_written != bundle.BodyLength)
            {
                Abort();
                return Refuse(BundleStatus.Truncated, "received " + _written + " of " + bundle.BodyLength + " body bytes");
            }
            string source = bundle.Kind == BundleKind.Delta ? MergeName : StagingName;
            if (_inPlace != null)
            {
                _inPlace.Finish(bundle);
                _inPlace = null;
                source = CacheFile.SharedTempName;
            }
            else
            {
                uint crc = Crc32.Finish(_crc);
                CacheFile.WriteHeader(_staging, bundle, crc);
                _staging.Flush();
                bool readBack = CacheFile.BodyCrc(_staging, bundle.BodyLength) == crc;
                CloseStaging();
                if (!readBack)
                {
                    Abort();
                    return Refuse(BundleStatus.StorageFailed, "staged bundle failed read-back check");
                }
                if (bundle.Kind == BundleKind.Delta && _cacheStore.InPlace != null)
                {
                    string refused = StagedDelta.MergeInPlace(_store, _cacheStore.InPlace, StagingName, bundle);
                    if (refused != null)
                    {
                        Abort();
                        return Refuse(BundleStatus.MergeRefused, "access layer refused the delta: " + refused);
                    }
                    source = CacheFile.SharedTempName;
                }
                else if (bundle.Kind == BundleKind.Delta && !StagedDelta.MergeWhole(_store, _cacheStore, _installed, StagingName, MergeName, bundle, MaxBodyBytes))
                {
                    Abort();
                    TryDelete(MergeName);
                    return Refuse(BundleStatus.MergeRefused, "access layer refused the delta");
                }
            }
            // The installed store is closed first: LittleFS will not rename over an open file.
            _cacheStore.ReleaseStore();
            try
            {
                _store.Replace(source, CacheFile.Name);
            }
            catch (Exception)
            {
                Reload(_installed); // the previous store stayed in place: reopen it
                throw;
            }
            TryDelete(StagingName);
            BundleInfo installed;
            if (!CacheFile.TryRead(_store, CacheFile.Name, out installed))
            {
                // Cannot happen unless flash lies; fail closed: no cache rather than an unverified one.
                _installed = null;
                _pending = null;
                return Refuse(BundleStatus.StorageFailed, "installed cache failed verification");
            }
            _installed = installed;
            _installedLastMac = _lastMac;
            _pending = null;
            _lastMac = null;
            LastError = "";
            Reload(installed);
            return BundleStatus.Installed;
        }

        /// <summary>Writes in slices: nanoFramework's FileStream copies each write into a new array of its size.</summary>
        private void WriteStaging(byte[] data, int offset, int count)
        {
            while (count > 0)
            {
                int n = count < StagingSliceBytes ? count : StagingSliceBytes;
                _staging.Write(data, offset, n);
                offset += n;
                count -= n;
            }
        }

        private void Reload(BundleInfo installed)
        {
            if (installed == null)
            {
                return;
            }
            try
            {
                _cacheStore.StoreReplaced(installed);
            }
            catch (Exception)
            {
                LastError = "access layer failed to reload the store";
            }
        }

        private BundleStatus Refuse(BundleStatus status, string text)
        {
            LastError = text;
            return status;
        }

        private void CloseStaging()
        {
            if (_staging != null)
            {
                try
                {
                    _staging.Close();
                }
                catch (Exception)
                {
                }
                _staging = null;
            }
        }

        private void TryDelete(string name)
        {
            try
            {
                if (LinkFiles.Exists(_store, name))
                {
                    _store.Delete(name);
                }
            }
            catch (Exception)
            {
            }
        }
    }
}

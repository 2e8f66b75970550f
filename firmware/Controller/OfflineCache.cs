using System;
using System.IO;
using DoorController.Access;
using DoorController.Hal;
using DoorController.Link.Bundles;
using DoorController.Readers;
using DoorController.Contract;

namespace DoorController.Controller
{
    /// <summary>
    /// The signed cache the controller decides from when it cannot ask the server: the installed bundle
    /// (<see cref="CacheFile"/>, body per <see cref="CacheBody"/>) opened as a file-backed credential directory plus
    /// its site config (readers, doors, areas, policies; people and their permissions stay on flash), and the unsealed site keys. Reloaded by the link
    /// after every verified install. A missing or corrupt cache leaves <see cref="Pipeline"/> null: offline
    /// decisions deny; nothing throws.
    /// </summary>
    public sealed class OfflineCache : ICacheStore, IInPlaceInstall
    {
        /// <summary>Shard bits when bundles install whole (a second copy staged beside the installed file).</summary>
        public const int NotSharded = -1;

        private readonly IFileStore _files;
        private readonly byte[] _deviceKey;
        private readonly AccessOptions _options;
        private readonly IClock _clock;
        // Kept across reloads: user and area numbers do not change with a new cache.
        private readonly RecentPresence _presence = new RecentPresence(RecentPresence.DefaultCapacity);
        private FileCredentialDirectory _credentials;
        private ShardedCredentialDirectory _sharded;
        private ShardedCacheInstall _installer;
        private int _shardBits = NotSharded;
        private KeyUseFile _keyUses;
        private readonly PendingFactors _pendingFactors = new PendingFactors(8);
        private bool _deltaMerged;

        public OfflineCache(IFileStore files, byte[] deviceKey, AccessOptions options, IClock clock)
        {
            _files = files;
            _deviceKey = deviceKey;
            _options = options;
            _clock = clock;
            Detail = "not loaded";
        }

        /// <summary>
        /// 2^ShardBits shard files per installed store, installed in place (the board's plan,
        /// <see cref="BoardFlash.CacheShardBits"/>), or <see cref="NotSharded"/>. A store already installed the other way
        /// keeps answering until the next bundle replaces it.
        /// </summary>
        public int ShardBits
        {
            get { return _shardBits; }
            set { _shardBits = value < 0 ? NotSharded : value; }
        }

        /// <summary>This cache when it installs in place; the installer itself lives only during an install (heap).</summary>
        public IInPlaceInstall InPlace
        {
            get { return _shardBits < 0 ? null : this; }
        }

        /// <summary>False while a sharded install was cut short (some shards newer than the rest), and while a cache
        /// installed whole (before sharding) or in another number of shards (an earlier plan) is loaded: the link then
        /// reports no version, so the server sends the full bundle, which lands in this plan's shards (a delta could not
        /// be merged in place into it).</summary>
        public bool Complete
        {
            get { return _sharded != null ? _sharded.Complete && (_shardBits < 0 || _sharded.Bits == _shardBits) : _shardBits < 0 || _credentials == null; }
        }

        /// <summary>Shards not yet at the installed version (0 when complete).</summary>
        public int ShardsBehind
        {
            get { return _sharded == null ? 0 : _sharded.ShardsBehind; }
        }

        public AccessPipeline Pipeline { get; private set; }
        public CredentialHasher Hasher { get; private set; }
        public QrTokenVerifier Qr { get; private set; }
        public BleTokenVerifier Ble { get; private set; }
        public BundleInfo Installed { get; private set; }
        public int CredentialCount { get; private set; }
        public string Detail { get; private set; }

        /// <summary>Whether the cache that took effect last was built by merging a delta (false: a full bundle).</summary>
        public bool LastApplyWasDelta { get; private set; }

        /// <summary>Raised (by count) every time a new cache takes effect, so readers can pick up new verifiers.</summary>
        public int LoadCount { get; private set; }

        public uint Version
        {
            get { return Installed == null ? 0 : Installed.Version; }
        }

        /// <summary>Opens the installed cache. False (with <see cref="Detail"/>) when there is none or it is unusable.</summary>
        public bool Load()
        {
            try
            {
                return TryLoad();
            }
            catch (Exception e)
            {
                Drop("cache unreadable: " + e.Message);
                return false;
            }
        }

        private bool TryLoad()
        {
            BundleInfo info;
            if (!CacheFile.TryRead(_files, CacheFile.Name, out info))
            {
                Drop("no verified cache installed yet");
                return false;
            }
            FileCredentialDirectory credentials = FileCredentialDirectory.Open(_files, CacheFile.Name, CacheFile.BodyOffset + CacheBody.StoreOffset);
            SiteSecrets secrets = null;
            string error = null;
            if (credentials.Stream == null || !CacheBody.TryReadHead(credentials.Stream, CacheFile.BodyOffset, _deviceKey, out secrets, out error))
            {
                Close(credentials);
                Drop(credentials.Stream == null ? "cache file cannot be opened" : error);
                return false;
            }
            if (credentials.Status != ReasonCode.Granted)
            {
                Close(credentials);
                Drop("credential store " + ReasonCodes.Name(credentials.Status));
                return false;
            }
            ShardedCredentialDirectory sharded = credentials.Count == 0 ? ShardedCredentialDirectory.Open(_files, credentials) : null;
            SiteCache site;
            ReasonCode siteStatus = SiteCacheReader.Load(credentials, out site);
            if (siteStatus != ReasonCode.Granted)
            {
                Close(credentials);
                Drop("site config " + ReasonCodes.Name(siteStatus));
                return false;
            }
            AccessSources sources = new AccessSources();
            sources.Credentials = sharded != null ? (ICredentialDirectory)sharded : credentials;
            sources.Presence = _presence;
            sources.UseCounter = new UseCounterTable(16);
            if (_keyUses == null)
            {
                // Outlives every bundle: a key used offline stays used (or keeps its deadline) after a reload or restart.
                _keyUses = KeyUseFile.Open(_files, KeyUseFile.DefaultName, KeyUseFile.DefaultCapacity);
            }
            sources.KeyUses = _keyUses;
            sources.PendingFactors = _pendingFactors; // a first factor survives a bundle arriving between the two
            site.Apply(sources, _options);
            CloseStore();
            _credentials = credentials;
            _sharded = sharded;
            Installed = info;
            CredentialCount = sharded != null ? sharded.Count : credentials.Count;
            Hasher = new CredentialHasher(secrets.CredentialKey);
            Qr = new QrTokenVerifier(secrets.TokenKey, _clock);
            Ble = new BleTokenVerifier(secrets.TokenKey, _clock);
            Pipeline = new AccessPipeline(sources, _options);
            LoadCount++;
            Detail = "version " + info.Version + ", " + CredentialCount + " credentials"
                + (sharded == null ? "" : ", " + (1 << sharded.Bits) + " shards" + (sharded.Complete ? "" : ", " + sharded.ShardsBehind + " behind (install incomplete)"));
            return true;
        }

        /// <summary>Closes the installed store before the link replaces its file; offline decisions deny until the reload.</summary>
        public void ReleaseStore()
        {
            Pipeline = null;
            CloseStore();
            Detail = "replacing the cache";
        }

        /// <summary>This controller's door as the server describes it (unlock time...), or null without a cache.</summary>
        public DoorInfo DoorRecord(int doorId)
        {
            AccessPipeline pipeline = Pipeline;
            return pipeline == null || pipeline.Sources.Site == null ? null : pipeline.Sources.Site.FindDoor(doorId);
        }

        /// <summary>The door the server's reader record puts <paramref name="readerId"/> at (0: no such reader cached).</summary>
        public int DoorOfReader(int readerId)
        {
            AccessPipeline pipeline = Pipeline;
            Reader reader = pipeline == null || pipeline.Sources.Site == null ? null : pipeline.Sources.Site.FindReader(readerId);
            return reader == null ? 0 : reader.DoorId;
        }

        public void StoreReplaced(BundleInfo installed)
        {
            LastApplyWasDelta = _deltaMerged;
            _deltaMerged = false;
            if (_shardBits >= 0)
            {
                new ShardedCacheInstall(_files, _shardBits).DeleteStrayShards();
            }
            Load();
        }

        public bool MergeDelta(Stream installedBody, int installedLength, Stream delta, int deltaLength, byte contentType, Stream output)
        {
            _deltaMerged = CacheDelta.TryApply(installedBody, installedLength, delta, deltaLength, contentType, output);
            return _deltaMerged;
        }

        void IInPlaceInstall.Begin(BundleInfo bundle)
        {
            _installer = new ShardedCacheInstall(_files, _shardBits);
            bool installedWhole = _sharded == null && _credentials != null;
            if (installedWhole || (_sharded != null && _sharded.Bits != _shardBits))
            {
                // Installed whole (by firmware from before sharding) or sharded under another plan (a firmware update
                // or the flash setting changed the shard count): it cannot be the base of this install, and keeping it
                // beside the new shards would need room for a second copy, which a full board does not have. It goes
                // first; offline decisions deny until the new cache is installed.
                ReleaseStore();
                if (installedWhole)
                {
                    _files.Delete(CacheFile.Name);
                }
                _installer.DeleteStrayShards();
            }
            _installer.BeginFull(_sharded);
        }

        void IInPlaceInstall.Write(byte[] data, int offset, int count)
        {
            _installer.Write(data, offset, count);
        }

        void IInPlaceInstall.Finish(BundleInfo bundle)
        {
            ShardedCacheInstall installer = _installer;
            _installer = null;
            installer.FinishFull(bundle);
        }

        void IInPlaceInstall.Merge(Stream staged, long position, int length, BundleInfo bundle)
        {
            new ShardedCacheInstall(_files, _shardBits).ApplyDelta(staged, position, length, bundle, _sharded);
            _deltaMerged = true;
        }

        void IInPlaceInstall.Abort()
        {
            if (_installer != null)
            {
                _installer.Abort();
                _installer = null;
            }
            new ShardedCacheInstall(_files, _shardBits).Abort(); // a merge's files, or what a cut left
        }

        private void CloseStore()
        {
            if (_sharded != null)
            {
                _sharded.Close();
            }
            else
            {
                Close(_credentials);
            }
            _sharded = null;
            _credentials = null;
        }

        private void Drop(string why)
        {
            // Keep a previously loaded cache: a failed reload must not take away the good one.
            if (Pipeline == null)
            {
                Detail = why;
            }
            else
            {
                Detail = Detail + " (reload refused: " + why + ")";
            }
        }

        private static void Close(FileCredentialDirectory directory)
        {
            if (directory != null && directory.Stream != null)
            {
                directory.Stream.Close();
            }
        }
    }
}

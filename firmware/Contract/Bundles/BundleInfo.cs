namespace DoorController.Contract
{
    /// <summary>The authenticated facts about a bundle (from its chunk headers) or about the installed cache file.</summary>
    public sealed class BundleInfo
    {
        /// <summary>Credentials whose bundle lifetime is unset get this (7 days), seconds. Used by servers building bundles.</summary>
        public const int DefaultMaxOfflineSeconds = 7 * 24 * 3600;

        public BundleKind Kind;
        public byte ContentType;
        public uint Version;
        public uint BaseVersion;
        public int BodyLength;
        public long IssuedAt;
        public int MaxOfflineSeconds;
        public int ChunkCount;

        /// <summary>Unix second after which offline grants stop unless a newer bundle arrives.</summary>
        public long OfflineUntil
        {
            get { return IssuedAt + MaxOfflineSeconds; }
        }

        /// <summary>This bundle as an installed whole cache of <paramref name="bodyLength"/> body bytes (a merged delta, a sharded cache's shared file).</summary>
        public BundleInfo InstalledAs(int bodyLength)
        {
            BundleInfo installed = new BundleInfo();
            installed.Kind = BundleKind.Full;
            installed.ContentType = ContentType;
            installed.Version = Version;
            installed.IssuedAt = IssuedAt;
            installed.MaxOfflineSeconds = MaxOfflineSeconds;
            installed.BodyLength = bodyLength;
            return installed;
        }

        public bool SameBundleAs(BundleInfo other)
        {
            return other != null && Kind == other.Kind && ContentType == other.ContentType && Version == other.Version
                && BaseVersion == other.BaseVersion && BodyLength == other.BodyLength && IssuedAt == other.IssuedAt
                && MaxOfflineSeconds == other.MaxOfflineSeconds && ChunkCount == other.ChunkCount;
        }
    }
}

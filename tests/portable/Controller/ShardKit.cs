using System.Text;
using DoorController.Access;
using DoorController.Contract;
using DoorController.Controller;
using DoorController.Hal;
using DoorController.Link.Bundles;
using DoorController.Tests.Support;

namespace DoorController.Tests.Controller
{
    /// <summary>
    /// A controller's cache and link on one flash volume with the sharded install of a board plan, and two versions
    /// of a site of a few hundred cards whose shared tables (profiles) differ, for the sharded-install tests.
    /// </summary>
    public sealed class ShardKit
    {
        public const int Bits = 2;
        public const int Cards = 320;

        public readonly IFileStore Files;
        public readonly OfflineCache Cache;
        public readonly BundleAssembler Link;

        public ShardKit(IFileStore files) : this(files, Bits)
        {
        }

        /// <summary>A controller whose board plan shards the cache <paramref name="bits"/> ways (a firmware update can change it).</summary>
        public ShardKit(IFileStore files, int bits)
        {
            Files = files;
            Cache = new OfflineCache(files, CacheKit.DeviceKey, new AccessOptions(), new ManualClock());
            Cache.ShardBits = bits;
            Link = new BundleAssembler(files, CacheKit.DeviceKey, Cache);
            Cache.Load();
            Link.Load();
        }

        /// <summary>Version 5's site (<paramref name="next"/> false) or version 6's: a seventh of the cards gone, new ones
        /// added, one with a validity no card had (a new profile: the shared tables differ).</summary>
        public static PatentSite Site(bool next)
        {
            PatentSite site = new PatentSite();
            for (int i = 0; i < Cards; i++)
            {
                if (!next || i % 7 != 0)
                {
                    site.AddCredential(i % 3 == 0 ? PatentSite.Guard : PatentSite.Employee, CredentialMethod.Nfc, Card(i), 1790000000 + (i % 4) * 86400, 0, CredentialFlags.None, 0);
                }
            }
            if (next)
            {
                for (int i = Cards; i < Cards + 40; i++)
                {
                    site.AddCredential(PatentSite.Guest, CredentialMethod.Nfc, Card(i), 1790000000, 0, CredentialFlags.None, 0);
                }
                site.AddCredential(PatentSite.Guest, CredentialMethod.Nfc, Card(Cards + 40), 1790000000 + 17, 0, CredentialFlags.None, 0);
            }
            return site;
        }

        /// <summary>Version 5 and version 6 of the site and their stores, numbered as the server numbers them.</summary>
        public sealed class Versions
        {
            public readonly PatentSite V5 = Site(false);
            public readonly PatentSite V6 = Site(true);
            public readonly StoreImage S5;
            public readonly StoreImage S6;

            public Versions()
            {
                S5 = CacheKit.Store(V5);
                S6 = CacheKit.Store(V6, S5);
            }
        }

        public static string Card(int i)
        {
            return "card-" + i;
        }

        /// <summary>Every card either version has.</summary>
        public const int AllCards = Cards + 41;

        public static BundleInfo Info(BundleKind kind, uint version, uint baseVersion)
        {
            BundleInfo info = new BundleInfo();
            info.Kind = kind;
            info.ContentType = 1;
            info.Version = version;
            info.BaseVersion = baseVersion;
            info.IssuedAt = PatentSite.FridayTenJst;
            info.MaxOfflineSeconds = 7 * 24 * 3600;
            return info;
        }

        public static byte[][] Full(StoreImage store, uint version)
        {
            return BundleChunk.Split(CacheKit.DeviceKey, Info(BundleKind.Full, version, 0), CacheKit.Body(store, CacheKit.DeviceKey, version));
        }

        public static byte[][] Delta(StoreImage from, uint baseVersion, StoreImage to, uint version)
        {
            System.IO.MemoryStream body = new System.IO.MemoryStream();
            CacheDelta.Write(body, from, to, version);
            return BundleChunk.Split(CacheKit.DeviceKey, Info(BundleKind.Delta, version, baseVersion), body.ToArray());
        }

        /// <summary>A flash volume with <paramref name="chunks"/> installed through a fresh controller.</summary>
        public static MemoryFileStore Installed(byte[][] chunks)
        {
            MemoryFileStore files = new MemoryFileStore();
            BundleStatus status = new ShardKit(files).Feed(chunks);
            if (status != BundleStatus.Installed)
            {
                throw new System.Exception("install refused: " + (int)status);
            }
            return files;
        }

        /// <summary>Feeds chunks until one is refused, the bundle is installed or the power fails.</summary>
        public BundleStatus Feed(byte[][] chunks)
        {
            BundleStatus last = BundleStatus.Malformed;
            for (int i = 0; i < chunks.Length; i++)
            {
                last = Link.Accept(chunks[i]);
                if (last != BundleStatus.Accepted && last != BundleStatus.Installed && last != BundleStatus.Duplicate)
                {
                    break;
                }
            }
            return last;
        }

        /// <summary>What the offline cache answers for a card (store-unavailable without a cache).</summary>
        public ReasonCode Lookup(PatentSite site, int card)
        {
            if (Cache.Pipeline == null)
            {
                return ReasonCode.CredentialStoreUnavailable;
            }
            CredentialInfo found = new CredentialInfo();
            return Cache.Pipeline.Sources.Credentials.Find(site.Hasher.Hash(CredentialMethod.Nfc, Encoding.UTF8.GetBytes(Card(card))), 0, found);
        }

        /// <summary>The shard a card's hash falls in.</summary>
        public static int ShardOf(PatentSite site, int card)
        {
            return ShardFormat.ShardOf(site.Hasher.Hash(CredentialMethod.Nfc, Encoding.UTF8.GetBytes(Card(card))), 0, Bits);
        }
    }
}

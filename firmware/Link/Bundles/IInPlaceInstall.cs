using System.IO;
using DoorController.Contract;

namespace DoorController.Link.Bundles
{
    /// <summary>
    /// An access layer that installs bundles in place, shard by shard (docs/cache.md, "Sharded install"), so the
    /// board needs room for one shard instead of a second copy of the cache. The link hands it a full bundle's body
    /// as each chunk verifies and a staged delta once it is whole; either ends with the shared part's new copy in
    /// <see cref="CacheFile.SharedTempName"/>, which the link then puts in place like a staged bundle. Every method
    /// throws on a malformed body or a storage failure; the link then aborts.
    /// </summary>
    public interface IInPlaceInstall
    {
        /// <summary>False while an install was cut short: some shards are not the installed version's yet. The link
        /// then reports no installed version, so the server sends a full bundle again, and refuses deltas.</summary>
        bool Complete { get; }

        void Begin(BundleInfo bundle);

        /// <summary>The next verified body bytes of the full bundle begun last.</summary>
        void Write(byte[] data, int offset, int count);

        void Finish(BundleInfo bundle);

        /// <summary>Applies the staged delta body at <paramref name="position"/> of <paramref name="staged"/>.</summary>
        void Merge(Stream staged, long position, int length, BundleInfo bundle);

        /// <summary>Drops what is being written; shards already replaced stay (the install is then incomplete).</summary>
        void Abort();
    }
}

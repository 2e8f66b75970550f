using System.IO;
using DoorController.Contract;

namespace DoorController.Link.Bundles
{
    /// <summary>
    /// The access layer's side of cache sync. The link authenticates, stages and installs bundles; the body format
    /// belongs to the access layer (firmware/Access), which only has to reload a full store and merge deltas.
    /// </summary>
    public interface ICacheStore
    {
        /// <summary>
        /// A verified store is about to replace <see cref="CacheFile.Name"/>: close it. The ESP32's LittleFS driver
        /// refuses to rename or delete an open file, and the old and new caches never share the heap. Offline decisions
        /// deny until <see cref="StoreReplaced"/> (a few milliseconds).
        /// </summary>
        void ReleaseStore();

        /// <summary>
        /// A new verified store is in place in <see cref="CacheFile.Name"/> (body at <see cref="CacheFile.BodyOffset"/>);
        /// load it. Called after the atomic replace, from the link's tick; also when the replace failed, to reopen the
        /// store that stayed.
        /// </summary>
        void StoreReplaced(BundleInfo installed);

        /// <summary>
        /// Writes the store that results from applying <paramref name="delta"/> (positioned at its first body byte,
        /// <paramref name="deltaLength"/> bytes) to the installed body (positioned likewise) into
        /// <paramref name="output"/>. Return false to refuse the delta; the installed store then stays.
        /// </summary>
        bool MergeDelta(Stream installedBody, int installedLength, Stream delta, int deltaLength, byte contentType, Stream output);

        /// <summary>The in-place (sharded) installer, or null: the link then stages the whole body and replaces the file.</summary>
        IInPlaceInstall InPlace { get; }
    }
}

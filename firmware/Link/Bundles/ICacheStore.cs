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
        /// A new verified store is in place in <see cref="CacheFile.Name"/> (body at <see cref="CacheFile.BodyOffset"/>);
        /// reload it. Called after the atomic replace, from the link's tick.
        /// </summary>
        void StoreReplaced(BundleInfo installed);

        /// <summary>
        /// Writes the store that results from applying <paramref name="delta"/> (positioned at its first body byte,
        /// <paramref name="deltaLength"/> bytes) to the installed body (positioned likewise) into
        /// <paramref name="output"/>. Return false to refuse the delta; the installed store then stays.
        /// </summary>
        bool MergeDelta(Stream installedBody, int installedLength, Stream delta, int deltaLength, byte contentType, Stream output);
    }
}

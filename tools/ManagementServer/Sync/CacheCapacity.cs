using DoorController.Access;
using DoorController.Contract;

namespace DoorController.Server.Sync
{
    /// <summary>Whether a controller's cache fits its board's flash (<see cref="BoardFlash"/>), and if not, a message an
    /// administrator can act on: how large it is, how large it may be, and about how many credentials would fit.</summary>
    public static class CacheCapacity
    {
        /// <summary>Null when the full bundle of <paramref name="store"/> fits; otherwise why not.</summary>
        public static string Refusal(StoreImage store, BoardFlash flash)
        {
            if (flash.Fits(store)) return null;
            int fits = flash.CredentialsFor(store.Tail.Length);
            return "its cache of " + store.Count + " credentials needs " + flash.CacheBlocksNeeded(store) + " blocks of 4 KB (its shards, the shared file and room to install the next)"
                + " and a " + flash.FlashMegabytes + " MB board has " + flash.CacheBlocks + " for it (about " + fits + " credentials with these profiles, permissions and site settings); give this controller"
                + " fewer credentials or readers, or a board with more flash (docs/hardware.md)";
        }
    }
}

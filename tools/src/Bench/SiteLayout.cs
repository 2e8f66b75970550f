using DoorController.Contract;

namespace DoorController.Bench
{
    /// <summary>Controllers' numbers for the simulated clients: device id, reader number, user credential hashes.</summary>
    public sealed class SiteLayout
    {
        public string[] Devices;
        public int[] Readers;
        /// <summary>Exit readers (only with paired readers; the single reader otherwise).</summary>
        public int[] ExitReaders;
        public string[][] Hashes;
        public int[][] Users;
        /// <summary>Each controller's message keys (its device key is provisioned as 32 zero bytes).</summary>
        public WireKeys[] Keys;

        /// <summary>A bench controller's message keys as the server holds them (its device key is 32 zero bytes).</summary>
        public static WireKeys KeysOf(string device) => new WireKeys(new byte[32], new LinkTopics(device), keyedPerPurpose: true);
    }
}

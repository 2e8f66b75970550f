using DoorController.Contract;

namespace DoorController.Link
{
    /// <summary>Link tuning in one place, with the defaults used on the device. Units are in the names.</summary>
    public sealed class LinkOptions
    {
        public string DeviceId = "dev-1";
        public string FirmwareVersion = "0.1.0";

        /// <summary>The journal's boot counter: the high half of every nonce this boot (<see cref="LinkWire"/>).</summary>
        public uint BootCounter;

        /// <summary>The board's flash size in MB (Contract.BoardFlash), told to the server in every sync request so it never
        /// sends a cache that would not fit; the controller gives the link's <see cref="Bundles.BundleAssembler"/> the
        /// plan's largest bundle and delta.</summary>
        public int FlashMegabytes = BoardFlash.DefaultFlashMegabytes;

        /// <summary>How long a reader waits for the server before deciding locally (issue 5: about 400 ms).</summary>
        public int DecisionTimeoutMilliseconds = 400;

        public int BackoffBaseMilliseconds = 1000;
        public int BackoffMaxMilliseconds = 60000;

        /// <summary>Replay flow control: at most this many events published and not yet acknowledged (an access event is
        /// about 330 bytes of JSON, so the byte window below is usually the one that binds)...</summary>
        public int ReplayWindowEvents = 24;

        /// <summary>...and at most this many payload bytes in flight (the broker and the ESP32's TCP buffers are small).</summary>
        public int ReplayWindowBytes = 8192;

        /// <summary>No ack progress for this long: resend from the last acknowledged event.</summary>
        public int AckTimeoutMilliseconds = 5000;

        public int StatusIntervalMilliseconds = 60000;

        /// <summary>Periodic sync request (also renews the offline lifetime through a newer bundle).</summary>
        public int SyncIntervalMilliseconds = 3600000;

        /// <summary>Minimum spacing of sync retries after a refused or stalled bundle.</summary>
        public int SyncRetryMilliseconds = 30000;

        /// <summary>A bundle with no new chunk for this long is dropped.</summary>
        public int BundleStallMilliseconds = 15000;

        /// <summary>Messages queued between the transport thread and the tick; beyond it they are dropped and counted.</summary>
        public int InboxCapacity = 64;
    }
}

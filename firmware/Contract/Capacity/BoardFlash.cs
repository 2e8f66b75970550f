namespace DoorController.Contract
{
    /// <summary>
    /// How one controller spends its flash file system (LittleFS drive I:, 4 KB blocks), by board flash size — the
    /// same plan on the controller (journal size, largest bundle it accepts) and on the server (largest bundle it sends).
    /// <list type="bullet">
    /// <item>I: is 256 KB on a 4 MB ESP32, 2 MB on 8 MB, 3 MB on 16 MB (nf-interpreter's partition tables).</item>
    /// <item>Set aside: the root metadata pair and a second one for a growing directory (small files live inline in
    /// them), free blocks for LittleFS's copy-on-write commits, nanoFramework's own configuration files (Wi-Fi,
    /// network, certificates), the controller's configuration file and its temporary copy during a save
    /// (<see cref="ConfigFileBytes"/> each), and room to stage a delta bundle (<see cref="MaxDeltaBytes"/>).</item>
    /// <item>The journal: <see cref="JournalSegments"/> segments of <see cref="JournalSegmentBlocks"/> blocks.</item>
    /// <item>The cache takes the rest, halved: installing a bundle needs the new file beside the installed one until
    /// the atomic swap.</item>
    /// </list>
    /// A file larger than one block spends 4 bytes or more of each further block on LittleFS's skip-list pointers
    /// (<see cref="BytesInBlocks"/>); a file of up to <see cref="InlineMaxBytes"/> bytes lives in its directory's
    /// metadata and takes no block of its own.
    /// </summary>
    public sealed class BoardFlash
    {
        public const int BlockBytes = 4096;
        /// <summary>esp_littlefs's cache size: files this small are stored inline in the directory metadata.</summary>
        public const int InlineMaxBytes = 512;
        public const int MetadataBlocks = 4;
        public const int SpareBlocks = 2;
        public const int DeviceConfigurationBlocks = 2;
        /// <summary>Largest configuration file (certificates included): two blocks.</summary>
        public const int ConfigFileBytes = 2 * BlockBytes - 4;
        public const int DeltaStagingBlocks = 2;
        /// <summary>The link's header in front of every cache and staging file (Link.Bundles.CacheFile.BodyOffset).</summary>
        public const int CacheFileHeaderBytes = 32;
        public const int DefaultFlashMegabytes = 4;

        private BoardFlash(int megabytes, int fileSystemBytes, int journalSegments, int journalSegmentBlocks)
        {
            FlashMegabytes = megabytes;
            FileSystemBytes = fileSystemBytes;
            JournalSegments = journalSegments;
            JournalSegmentBlocks = journalSegmentBlocks;
            Blocks = fileSystemBytes / BlockBytes;
            int config = 2 * BlocksFor(ConfigFileBytes);
            ReservedBlocks = MetadataBlocks + SpareBlocks + DeviceConfigurationBlocks + config + DeltaStagingBlocks;
            CacheFileBlocks = (Blocks - ReservedBlocks - JournalBlocks) / 2;
        }

        public int FlashMegabytes { get; private set; }
        public int FileSystemBytes { get; private set; }
        public int Blocks { get; private set; }

        /// <summary>Blocks set aside for the file system, configuration files and delta staging.</summary>
        public int ReservedBlocks { get; private set; }

        /// <summary>Journal segment files this board keeps (each of <see cref="JournalSegmentBlocks"/> blocks).</summary>
        public int JournalSegments { get; private set; }

        /// <summary>Blocks per journal segment. An append rewrites only the segment's last block, so larger segments cost
        /// no more per append; they keep the journal's segment table (on the managed heap) short.</summary>
        public int JournalSegmentBlocks { get; private set; }

        /// <summary>Bytes of one journal segment: exactly fills its blocks.</summary>
        public int JournalSegmentBytes
        {
            get { return (int)BytesInBlocks(JournalSegmentBlocks); }
        }

        public int JournalBlocks
        {
            get { return JournalSegments * JournalSegmentBlocks; }
        }

        /// <summary>Blocks one installed cache file may take (the same again is needed to install the next).</summary>
        public int CacheFileBlocks { get; private set; }

        /// <summary>Largest full bundle body the controller can install.</summary>
        public int MaxBodyBytes
        {
            get { return (int)BytesInBlocks(CacheFileBlocks) - CacheFileHeaderBytes; }
        }

        /// <summary>Largest delta bundle body it can stage beside two cache files (a larger change goes as a full bundle).</summary>
        public int MaxDeltaBytes
        {
            get { return (int)BytesInBlocks(DeltaStagingBlocks) - CacheFileHeaderBytes; }
        }

        /// <summary>Most credentials a full bundle can carry on this board when its profiles, permission sets and site
        /// config (the store's tail) take <paramref name="tailBytes"/>: each credential is one record.</summary>
        public int CredentialsFor(long tailBytes)
        {
            long room = MaxBodyBytes - CacheBody.StoreOffset - Access.CredentialStoreFormat.HeaderSize - tailBytes;
            return room <= 0 ? 0 : (int)(room / Access.CredentialStoreFormat.RecordSize);
        }

        /// <summary>The plan of a board with this much flash, or null for a size the firmware has no plan for.</summary>
        public static BoardFlash For(int flashMegabytes)
        {
            switch (flashMegabytes)
            {
                case 4: return new BoardFlash(4, 256 * 1024, 17, 2);
                case 8: return new BoardFlash(8, 2 * 1024 * 1024, 21, 4);
                case 16: return new BoardFlash(16, 3 * 1024 * 1024, 21, 4);
                default: return null;
            }
        }

        /// <summary>Flash sizes with a plan, in MB.</summary>
        public static bool IsSupported(int flashMegabytes)
        {
            return For(flashMegabytes) != null;
        }

        /// <summary>Blocks LittleFS gives a file of <paramref name="bytes"/> bytes (0 when it fits inline).</summary>
        public static int BlocksFor(long bytes)
        {
            if (bytes <= InlineMaxBytes)
            {
                return 0;
            }
            int blocks = 1;
            while (BytesInBlocks(blocks) < bytes)
            {
                blocks++;
            }
            return blocks;
        }

        /// <summary>Bytes a file of <paramref name="blocks"/> blocks holds: block i after the first starts with ctz(i) + 1 pointers.</summary>
        public static long BytesInBlocks(int blocks)
        {
            long bytes = 0;
            for (int i = 0; i < blocks; i++)
            {
                bytes += BlockBytes - (i == 0 ? 0 : 4 * (TrailingZeros(i) + 1));
            }
            return bytes;
        }

        private static int TrailingZeros(int value)
        {
            int n = 0;
            while ((value & 1) == 0)
            {
                value >>= 1;
                n++;
            }
            return n;
        }
    }
}

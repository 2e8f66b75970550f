namespace DoorController.Contract
{
    /// <summary>
    /// How one controller spends its flash file system (LittleFS drive I:, 4 KB blocks), by board flash size — the
    /// same plan on the controller (journal size, largest bundle it accepts) and on the server (largest cache it sends).
    /// <list type="bullet">
    /// <item>I: is 256 KB on a 4 MB ESP32, 2 MB on 8 MB, 3 MB on 16 MB (nf-interpreter's partition tables).</item>
    /// <item>Set aside: the root metadata pair and a second one for a growing directory (small files live inline in
    /// them), free blocks for LittleFS's copy-on-write commits, nanoFramework's own configuration files (Wi-Fi,
    /// network, certificates), the controller's configuration file and its temporary copy during a save
    /// (<see cref="ConfigFileBytes"/> each), and room to stage a delta bundle (<see cref="MaxDeltaBytes"/>).</item>
    /// <item>The journal: <see cref="JournalSegments"/> segments of <see cref="JournalSegmentBlocks"/> blocks; on a 4 MB
    /// board the fewest blocks that hold <see cref="GoalJournalEvents"/> offline grants at the journal's own bytes per
    /// event (the journal code passes it: Journal.JournalBudget), on larger boards a fixed count.</item>
    /// <item>The cache takes the rest, as one copy: it is sharded (2^<see cref="CacheShardBits"/> shard files by hash
    /// prefix plus a shared file, docs/cache.md) and installed shard by shard, so installing needs room for its
    /// largest shard (or the shared file), not for a second copy (<see cref="CacheBlocksNeeded"/>). The shard count is
    /// the one that fits the most credentials in the cache's blocks.</item>
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
        /// <summary>Offline grants a 4 MB board's journal holds (issue 14's goal).</summary>
        public const int GoalJournalEvents = 2000;
        /// <summary>Bytes at the start of each journal segment (Journal.SegmentHeader.Length: magic, number, boot,
        /// sequence, UTC and uptime the records are written against).</summary>
        public const int JournalSegmentHeaderBytes = 28;
        /// <summary>Bytes of the last journal segment held back for journal_overflow records once the journal is full
        /// (Journal.JournalOptions.OverflowReserveBytes): no grant is stored there.</summary>
        public const int JournalOverflowReserveBytes = 256;
        /// <summary>Segment sizes a 4 MB board's journal may take, in blocks.</summary>
        public const int MaxJournalSegmentBlocks = 4;
        /// <summary>The store tail (profiles, permission sets, site config) the shard count is chosen for: about 300
        /// distinct profiles, as a site with many dated guest passes has (the reference site's 10,000 credentials: 7.5 KB).</summary>
        public const int PlanTailBytes = 6 * 1024;

        private BoardFlash(int megabytes, int fileSystemBytes, int journalSegments, int journalSegmentBlocks)
        {
            FlashMegabytes = megabytes;
            FileSystemBytes = fileSystemBytes;
            JournalSegments = journalSegments;
            JournalSegmentBlocks = journalSegmentBlocks;
            Blocks = fileSystemBytes / BlockBytes;
            int config = 2 * BlocksFor(ConfigFileBytes);
            ReservedBlocks = MetadataBlocks + SpareBlocks + DeviceConfigurationBlocks + config + DeltaStagingBlocks;
            CacheBlocks = Blocks - ReservedBlocks - JournalBlocks;
            CacheShardBits = ShardBitsFor(CacheBlocks);
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

        /// <summary>Blocks for the cache: its shard files, its shared file and the room to install the next one.</summary>
        public int CacheBlocks { get; private set; }

        /// <summary>The cache is split into 2^CacheShardBits shard files by the first bits of the credential hash.</summary>
        public int CacheShardBits { get; private set; }

        /// <summary>Largest full bundle body the controller accepts: it could not hold more even if every shard filled
        /// its blocks exactly. Whether a cache fits is decided exactly, per shard, by <see cref="Fits"/> (the server).</summary>
        public int MaxBodyBytes
        {
            get { return (int)BytesInBlocks(CacheBlocks) - CacheFileHeaderBytes; }
        }

        /// <summary>Largest delta bundle body it can stage (a larger change goes as a full bundle).</summary>
        public int MaxDeltaBytes
        {
            get { return (int)BytesInBlocks(DeltaStagingBlocks) - CacheFileHeaderBytes; }
        }

        /// <summary>
        /// Blocks the sharded cache of <paramref name="store"/> takes installed on this board, plus the room to install
        /// the next one: every shard file, the shared file (profiles, permission sets, site config, shard table), and
        /// again the largest of them, which an install writes beside the installed one before the rename.
        /// </summary>
        public int CacheBlocksNeeded(Access.StoreImage store)
        {
            int room;
            return CacheInstalledBlocks(store, out room) + room;
        }

        /// <summary>Blocks the installed sharded cache of <paramref name="store"/> takes, and in <paramref name="installRoom"/>
        /// the blocks of its largest file (what an install writes beside the installed one).</summary>
        public int CacheInstalledBlocks(Access.StoreImage store, out int installRoom)
        {
            int shards = 1 << CacheShardBits;
            int[] counts = new int[shards];
            byte[] records = store.Records;
            for (int i = 0; i < store.Count; i++)
            {
                counts[Access.ShardFormat.ShardOf(records, i * Access.CredentialStoreFormat.RecordSize, CacheShardBits)]++;
            }
            int shared = SharedFileBlocks(CacheShardBits, store.Tail.Length);
            int total = shared;
            installRoom = shared;
            for (int k = 0; k < shards; k++)
            {
                int blocks = ShardFileBlocks(counts[k]);
                total += blocks;
                installRoom = blocks > installRoom ? blocks : installRoom;
            }
            return total;
        }

        /// <summary>True when the cache of <paramref name="store"/> can be installed on this board.</summary>
        public bool Fits(Access.StoreImage store)
        {
            return CacheBlocksNeeded(store) <= CacheBlocks;
        }

        /// <summary>About how many credentials fit when the store's tail (profiles, permission sets, site config) takes
        /// <paramref name="tailBytes"/>, the keyed hashes spreading them over the shards as chance does (<see cref="ShardRecords"/>).</summary>
        public int CredentialsFor(long tailBytes)
        {
            return CredentialsFor(CacheBlocks, CacheShardBits, tailBytes);
        }

        private static int CredentialsFor(int cacheBlocks, int bits, long tailBytes)
        {
            int shards = 1 << bits;
            int shared = SharedFileBlocks(bits, tailBytes);
            int perShard = (cacheBlocks - shared) / (shards + 1);
            if (perShard < shared)
            {
                perShard = (cacheBlocks - 2 * shared) / shards;
            }
            long room = perShard <= 0 ? 0 : BytesInBlocks(perShard) - Access.ShardFormat.HeaderSize;
            return room <= 0 ? 0 : shards * ShardRecords((int)(room / Access.CredentialStoreFormat.RecordSize));
        }

        /// <summary>
        /// Credentials per shard on average when a shard file holds at most <paramref name="capacity"/>: the keyed
        /// hashes fill the shards unevenly, and the fullest of them lies about two standard deviations (the square root
        /// of the mean) above the mean, so the mean stays that far below the capacity.
        /// </summary>
        private static int ShardRecords(int capacity)
        {
            int root = 0;
            while ((root + 1) * (root + 1) <= capacity)
            {
                root++;
            }
            return capacity - 2 * root;
        }

        /// <summary>
        /// The shard count that fits the most credentials into <paramref name="cacheBlocks"/> with a store tail of
        /// <see cref="PlanTailBytes"/> (fewer shards on a tie: a shorter shard table). More shards mean a smaller install
        /// room (one shard) but more blocks lost to rounding each shard up to whole blocks, and the fit moves in steps of
        /// whole blocks per shard, so it is counted, not guessed.
        /// </summary>
        private static int ShardBitsFor(int cacheBlocks)
        {
            int best = 1;
            for (int bits = 2; bits <= Access.ShardFormat.MaxBits; bits++)
            {
                if (CredentialsFor(cacheBlocks, bits, PlanTailBytes) > CredentialsFor(cacheBlocks, best, PlanTailBytes))
                {
                    best = bits;
                }
            }
            return best;
        }

        private static int SharedFileBlocks(int bits, long tailBytes)
        {
            return BlocksFor(CacheFileHeaderBytes + CacheBody.StoreOffset + Access.CredentialStoreFormat.HeaderSize + tailBytes
                + Access.ShardFormat.TableLength(bits));
        }

        private static int ShardFileBlocks(int records)
        {
            return BlocksFor(Access.ShardFormat.HeaderSize + (long)records * Access.CredentialStoreFormat.RecordSize);
        }

        /// <summary>
        /// The plan of a board with this much flash, or null for a size the firmware has no plan for.
        /// <paramref name="journalBytesPerEvent"/>: bytes the journal stores per offline grant (Journal.JournalBudget),
        /// which sizes a 4 MB board's journal and so what is left for the cache.
        /// </summary>
        public static BoardFlash For(int flashMegabytes, int journalBytesPerEvent)
        {
            switch (flashMegabytes)
            {
                case 4: return FourMegabytes(journalBytesPerEvent < 1 ? 1 : journalBytesPerEvent);
                case 8: return new BoardFlash(8, 2 * 1024 * 1024, 21, 4);
                case 16: return new BoardFlash(16, 3 * 1024 * 1024, 21, 4);
                default: return null;
            }
        }

        /// <summary>
        /// A 4 MB board's journal takes the fewest blocks that hold <see cref="GoalJournalEvents"/> grants beside the
        /// overflow reserve, over segments of 1 to <see cref="MaxJournalSegmentBlocks"/> blocks (larger segments on a
        /// tie). Every segment loses its header and the part of a record that no longer fits at its end, so the best
        /// segment size depends on the record size: at 26 B, 13 one-block segments hold what 7 two-block ones do.
        /// </summary>
        private static BoardFlash FourMegabytes(int bytesPerEvent)
        {
            int bestSegments = 0, bestBlocks = 0;
            for (int blocks = 1; blocks <= MaxJournalSegmentBlocks; blocks++)
            {
                int perSegment = ((int)BytesInBlocks(blocks) - JournalSegmentHeaderBytes) / bytesPerEvent;
                int needed = GoalJournalEvents + (JournalOverflowReserveBytes + bytesPerEvent - 1) / bytesPerEvent;
                int segments = perSegment < 1 ? needed : (needed + perSegment - 1) / perSegment;
                segments = segments < 2 ? 2 : segments; // the journal keeps at least two segments
                if (bestSegments == 0 || segments * blocks <= bestSegments * bestBlocks)
                {
                    bestSegments = segments;
                    bestBlocks = blocks;
                }
            }
            return new BoardFlash(4, 256 * 1024, bestSegments, bestBlocks);
        }

        /// <summary>Flash sizes with a plan, in MB.</summary>
        public static bool IsSupported(int flashMegabytes)
        {
            return For(flashMegabytes, 1) != null;
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

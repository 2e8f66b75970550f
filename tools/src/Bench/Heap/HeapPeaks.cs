using System;
using System.Collections.Generic;
using System.Text;
using DoorController.Access;
using DoorController.Contract;
using DoorController.Controller;
using DoorController.Journal;
using DoorController.Link;

namespace DoorController.Bench.Heap
{
    /// <summary>
    /// Transient heap of the controller's heaviest operations, on top of what it retains: for each, the objects the
    /// operation holds at the same moment (read from its code, listed in <see cref="Operation.Holds"/>), priced by the
    /// model; FileStream calls add a copy of what they move (nanoFramework's FileStream allocates it per call), the
    /// largest of which <see cref="RecordingFileStore"/> measures while the operation really runs on the bench
    /// controller. The peak is the retained heap plus the largest of these.
    /// </summary>
    public static class HeapPeaks
    {
        public sealed class Operation
        {
            public string Name;
            public string Holds;
            public long Bytes;
        }

        public static List<Operation> Measure(BenchController controller)
        {
            var ops = new List<Operation>();
            ops.Add(Chunk());
            ops.Add(Reload(controller));
            ops.Add(Decision(controller));
            ops.Add(Replay(controller));
            ops.Add(DeltaMerge());
            return ops;
        }

        /// <summary>A bundle chunk from the inbox to the staging file (BundleAssembler.AcceptChunk).</summary>
        private static Operation Chunk()
        {
            int data = BundleChunk.MaxDataBytes;
            var held = new object[]
            {
                new InboundMessage("site/" + ReferenceSite.DeviceId + "/sync/chunk", new byte[BundleChunk.MaxChunkBytes]), // the message
                new byte[BundleChunk.MacLength + BundleChunk.MacOffset + data], // ChainMac's one-shot HMAC input
                new byte[BundleChunk.MacLength],                                // the computed MAC
                new BundleInfo(),                                               // the parsed header
                new byte[1024],                                                 // FileStream copy of one staging slice
            };
            return Op("bundle chunk verified and staged", "message, HMAC input, MAC, header, one 1 KB staging write", held);
        }

        /// <summary>Loading the new cache after an install (OfflineCache.TryLoad; the old one was released first).</summary>
        private static Operation Reload(BenchController controller)
        {
            controller.Files.ResetLargest();
            var cache = new OfflineCache(controller.Files, BenchController.DeviceKey, new AccessOptions(), controller.Clock);
            if (!cache.Load()) throw new InvalidOperationException("reload: " + cache.Detail);
            var fresh = new HeapWalker();
            long newCache = fresh.Measure(cache);
            long retainedCache = new HeapWalker().Measure(controller.App.Cache);
            ICredentialDirectory credentials = cache.Pipeline.Sources.Credentials;
            int config = (credentials is ShardedCredentialDirectory sharded ? sharded.Shared : (FileCredentialDirectory)credentials).SiteConfigLength;
            var held = new object[]
            {
                new byte[config],                        // SiteCacheReader: the config bytes while entries are decoded
                new PolicyPool(new byte[0]),             // and the policy pool
                new byte[controller.Files.LargestTransfer], // the largest FileStream read of the load
            };
            Operation op = Op("cache loaded after an install", "the new cache less the released one, config bytes, policy pool, largest read (" + controller.Files.LargestTransfer + " B)", held);
            op.Bytes += Math.Max(0, newCache - retainedCache);
            return op;
        }

        /// <summary>One offline decision: hash, lookup, profile and permission reads, the journal append.</summary>
        private static Operation Decision(BenchController controller)
        {
            controller.Files.ResetLargest();
            controller.Pass(3);
            byte[] uid = ReferenceSite.CardUid(3);
            var held = new object[]
            {
                new byte[uid.Length + 1],                   // CredentialHasher: method byte + raw value
                new byte[32], new byte[16],                  // HMAC and its truncation
                new byte[controller.Files.LargestTransfer],  // the largest FileStream call of the decision
                "1003", ReferenceSite.FirstReader.ToString(), // the event's user and reader ids
            };
            return Op("offline decision", "HMAC input and output, largest flash transfer (" + controller.Files.LargestTransfer + " B), event ids", held);
        }

        /// <summary>Replaying one journal record to the server (JournalEventSource.TryRead, EventReplayer.Pump).</summary>
        private static Operation Replay(BenchController controller)
        {
            var records = new JournalRecord[1];
            if (controller.App.Journal.Read(0, records, 1 << 16) == 0) throw new InvalidOperationException("replay: empty journal");
            JournalRecord record = records[0];
            string json = new EventJson().Render(record.Id, record.Type, record.UtcMilliseconds, record.UptimeMilliseconds, record.ClockUncertain,
                record.Payload, record.PayloadLength);
            var held = new object[]
            {
                new byte[JournalOptions.DefaultMaxPayloadBytes],  // the record's payload copy, at its largest
                new StringBuilder(json.Length * 2),                // the JSON writer's buffer
                json,                                              // the rendered event
                new byte[Encoding.UTF8.GetByteCount(json) + 64],   // the MQTT payload (event message)
            };
            return Op("journal event replayed", "payload, JSON buffer and text, message bytes", held);
        }

        /// <summary>A delta merged into a new body (CacheDelta.TryApply: fixed buffers, both inputs streamed from flash).</summary>
        private static Operation DeltaMerge()
        {
            var held = new object[]
            {
                new byte[CacheBody.StoreOffset], new byte[CredentialStoreFormat.HeaderSize], new byte[CacheDelta.HeaderSize],
                new StoreLayout(), new StoreLayout(),
                new DeltaCursor(null, 0, 0, CredentialStoreFormat.HashBytes), new DeltaCursor(null, 0, 0, CredentialStoreFormat.RecordSize),
                new RecordMerge(null, 0, null, null, null, 64),
                new byte[768],                                     // FileStream copy of one 768-byte read or write
            };
            return Op("delta merged", "headers, cursors, merge buffers, one 768-byte transfer", held);
        }

        private static Operation Op(string name, string holds, object[] held)
        {
            var walker = new HeapWalker();
            long bytes = 0;
            foreach (object o in held) bytes += walker.Measure(o);
            return new Operation { Name = name, Holds = holds, Bytes = bytes };
        }
    }
}

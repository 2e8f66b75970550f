using System.Diagnostics;
using System.Threading;

namespace DoorController.Server.Decisions
{
    /// <summary>
    /// Where an online decision's time goes inside the server, for <c>tools/bench online</c>: each decision carries
    /// five <see cref="Stopwatch"/> timestamps (taken always, tens of nanoseconds each) and, only while
    /// <see cref="Recording"/> is on, its stages are stored here when its answer has been published. The hot path
    /// neither locks nor allocates for this: samples are values in arrays of <see cref="ChunkSize"/>, one allocated
    /// each time the last is full, and a sample keeps no object alive (the request id is kept as a 64-bit key), so
    /// recording adds nothing for the collector to copy and the pauses it measures are the server's own.
    /// </summary>
    public sealed class DecisionStages
    {
        /// <summary>At most this many samples are kept (a 2,000/s run of several minutes); later ones are dropped.</summary>
        public const int MaxSamples = 2_000_000;
        /// <summary>Samples per array: 16,384 of 48 bytes, about 8 s at 2,000/s.</summary>
        public const int ChunkSize = 1 << 14;
        private readonly Sample[][] _chunks = new Sample[(MaxSamples + ChunkSize - 1) / ChunkSize][];
        private volatile bool _recording;
        private int _count;
        private long _networkBytes, _writerBytes;

        /// <summary>One published decision's stages in milliseconds.</summary>
        /// <param name="RequestKey">The request id's <see cref="KeyOf"/>, to join the sample with the round trip its client measured.</param>
        /// <param name="Decide">On the network thread: MAC and nonce check, parse, decision core, row built, answer sealed.</param>
        /// <param name="WriterWait">Queued for the group-commit writer until its batch began (waiting for the batch before).</param>
        /// <param name="Statements">The batch's statements (inserts, presence, nonces), shared by the batch.</param>
        /// <param name="Commit">The batch's COMMIT: WAL write and its fsync.</param>
        /// <param name="Publish">From the commit to the answer handed to libmosquitto (answers before it in the batch included).</param>
        public readonly record struct Sample(long RequestKey, double Decide, double WriterWait, double Statements, double Commit, double Publish)
        {
            /// <summary>Received to published.</summary>
            public double InServer => Decide + WriterWait + Statements + Commit + Publish;
        }

        /// <summary>Starts (after discarding what was kept) or stops keeping samples.</summary>
        public bool Recording
        {
            get => _recording;
            set
            {
                if (value) Clear();
                _recording = value;
            }
        }

        /// <summary>Bytes allocated so far by the network thread (which decides) and the group-commit thread (each as of
        /// its last decision): the bench divides their growth by the decisions made.</summary>
        public (long Network, long Writer) Allocated => (Volatile.Read(ref _networkBytes), Volatile.Read(ref _writerBytes));

        /// <summary>On libmosquitto's network thread, after a decision was handed to the writer.</summary>
        internal void NetworkThreadAllocated() => Volatile.Write(ref _networkBytes, System.GC.GetAllocatedBytesForCurrentThread());

        internal void WriterThreadAllocated() => Volatile.Write(ref _writerBytes, System.GC.GetAllocatedBytesForCurrentThread());

        /// <summary>A request id as a sample keeps it: 64-bit FNV-1a over its characters, the same in every process.</summary>
        public static long KeyOf(string requestId)
        {
            ulong hash = 14695981039346656037UL;
            foreach (char c in requestId)
            {
                hash = (hash ^ c) * 1099511628211UL;
            }
            return (long)hash;
        }

        /// <summary>A copy of the samples kept since recording began (call once the answers being published are out).</summary>
        public Sample[] Recorded()
        {
            int count = System.Math.Min(Volatile.Read(ref _count), MaxSamples);
            var copy = new Sample[count];
            for (int start = 0; start < count; start += ChunkSize)
            {
                System.Array.Copy(_chunks[start / ChunkSize], 0, copy, start, System.Math.Min(ChunkSize, count - start));
            }
            return copy;
        }

        /// <summary>Forgets the samples kept; their arrays are reused by the next recording.</summary>
        public void Clear() => Volatile.Write(ref _count, 0);

        /// <summary>After the answer of <paramref name="item"/> was handed to the transport.</summary>
        public void Published(PendingDecision item)
        {
            if (!_recording) return;
            int slot = Interlocked.Increment(ref _count) - 1;
            if (slot >= MaxSamples) return;
            Sample[] chunk = Volatile.Read(ref _chunks[slot / ChunkSize]);
            if (chunk == null)
            {
                Interlocked.CompareExchange(ref _chunks[slot / ChunkSize], new Sample[ChunkSize], null);
                chunk = _chunks[slot / ChunkSize];
            }
            long published = Stopwatch.GetTimestamp();
            var t = item.Times;
            chunk[slot % ChunkSize] = new Sample(KeyOf(item.Request.RequestId), Ms(t.Received, t.Decided), Ms(t.Decided, t.BatchStarted),
                Ms(t.BatchStarted, t.Written), Ms(t.Written, t.Committed), Ms(t.Committed, published));
        }

        private static double Ms(long from, long to) => (to - from) * 1000.0 / Stopwatch.Frequency;
    }
}

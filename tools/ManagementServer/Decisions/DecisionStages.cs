using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading;

namespace DoorController.Server.Decisions
{
    /// <summary>
    /// Where an online decision's time goes inside the server, for <c>tools/bench online</c>: each decision carries
    /// five <see cref="Stopwatch"/> timestamps (taken always, tens of nanoseconds each) and, only while
    /// <see cref="Recording"/> is on, its stages are queued here when its answer has been published. The hot path
    /// neither locks nor allocates for this beyond one small sample per decision while recording.
    /// </summary>
    public sealed class DecisionStages
    {
        /// <summary>At most this many samples are kept (a 2,000/s run of several minutes); later ones are dropped.</summary>
        public const int MaxSamples = 2_000_000;
        private readonly ConcurrentQueue<Sample> _samples = new ConcurrentQueue<Sample>();
        private volatile bool _recording;
        private int _count;
        private long _networkBytes, _writerBytes;

        /// <summary>One published decision's stages in milliseconds.</summary>
        /// <param name="Decide">On the network thread: MAC and nonce check, parse, decision core, row built, answer sealed.</param>
        /// <param name="WriterWait">Queued for the group-commit writer until its batch began (waiting for the batch before).</param>
        /// <param name="Statements">The batch's statements (inserts, presence, nonces), shared by the batch.</param>
        /// <param name="Commit">The batch's COMMIT: WAL write and its fsync.</param>
        /// <param name="Publish">From the commit to the answer handed to libmosquitto (answers before it in the batch included).</param>
        public sealed record Sample(string RequestId, double Decide, double WriterWait, double Statements, double Commit, double Publish)
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

        public ConcurrentQueue<Sample> Samples => _samples;

        /// <summary>Bytes allocated so far by the network thread (which decides) and the group-commit thread (each as of
        /// its last decision): the bench divides their growth by the decisions made.</summary>
        public (long Network, long Writer) Allocated => (Volatile.Read(ref _networkBytes), Volatile.Read(ref _writerBytes));

        /// <summary>On libmosquitto's network thread, after a decision was handed to the writer.</summary>
        internal void NetworkThreadAllocated() => Volatile.Write(ref _networkBytes, System.GC.GetAllocatedBytesForCurrentThread());

        internal void WriterThreadAllocated() => Volatile.Write(ref _writerBytes, System.GC.GetAllocatedBytesForCurrentThread());

        public void Clear()
        {
            while (_samples.TryDequeue(out _)) { }
            Interlocked.Exchange(ref _count, 0);
        }

        /// <summary>After the answer of <paramref name="item"/> was handed to the transport.</summary>
        public void Published(PendingDecision item)
        {
            if (!_recording || Interlocked.Increment(ref _count) > MaxSamples) return;
            long published = Stopwatch.GetTimestamp();
            var t = item.Times;
            _samples.Enqueue(new Sample(item.Request.RequestId, Ms(t.Received, t.Decided), Ms(t.Decided, t.BatchStarted),
                Ms(t.BatchStarted, t.Written), Ms(t.Written, t.Committed), Ms(t.Committed, published)));
        }

        private static double Ms(long from, long to) => (to - from) * 1000.0 / Stopwatch.Frequency;
    }
}

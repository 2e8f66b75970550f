using System;

namespace DoorController.Bench
{
    /// <summary>The process's garbage collections, pause time and allocation over a phase.</summary>
    public sealed class GcFigures
    {
        private readonly int[] _collections = new int[3];
        private readonly TimeSpan _paused;
        private readonly long _allocated;

        private GcFigures()
        {
            for (int g = 0; g < 3; g++) _collections[g] = GC.CollectionCount(g);
            _paused = GC.GetTotalPauseDuration();
            _allocated = GC.GetTotalAllocatedBytes(false);
        }

        public static GcFigures Start() => new GcFigures();

        /// <summary>Collections by generation, pause time and bytes allocated per unit of work since <see cref="Start"/>.</summary>
        public string Since(long units)
        {
            long allocated = GC.GetTotalAllocatedBytes(false) - _allocated;
            return "collections gen0/1/2 " + (GC.CollectionCount(0) - _collections[0]) + "/" + (GC.CollectionCount(1) - _collections[1]) + "/" + (GC.CollectionCount(2) - _collections[2])
                + ", paused " + (GC.GetTotalPauseDuration() - _paused).TotalMilliseconds.ToString("F0") + " ms, " + (allocated / Math.Max(1, units) / 1024.0).ToString("F1") + " KiB allocated per decision";
        }
    }
}

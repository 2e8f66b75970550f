using System;
using System.Threading;
using DoorController.Hal;

namespace DoorController.Hal.Host.Sim
{
    /// <summary>
    /// A simulated input pin. Tests and the virtual controller set its level; every change is delivered to the edge
    /// listener with the timestamp given (or the simulator's microsecond clock), like a GPIO interrupt.
    /// </summary>
    public sealed class SimInputPin : IDigitalInput
    {
        private readonly Func<long> _microseconds;
        private int _level;
        private IPinEdgeListener _listener;

        /// <param name="microseconds">Source of edge timestamps when none is given; null = a monotonic host timer.</param>
        public SimInputPin(string name, bool initialLevel, Func<long> microseconds = null)
        {
            Name = name;
            _level = initialLevel ? 1 : 0;
            _microseconds = microseconds ?? HostMicroseconds;
        }

        public string Name { get; }

        public bool Level => Volatile.Read(ref _level) != 0;

        /// <summary>While true, Read throws like a broken driver.</summary>
        public bool FailReads { get; set; }

        public bool Read()
        {
            if (FailReads)
            {
                throw new InvalidOperationException("simulated driver failure on " + Name);
            }
            return Level;
        }

        public void SetEdgeListener(IPinEdgeListener listener)
        {
            Volatile.Write(ref _listener, listener);
        }

        public void Set(bool level)
        {
            Set(level, _microseconds());
        }

        /// <summary>Changes the level at <paramref name="timestampMicroseconds"/>; no edge if the level does not change.</summary>
        public void Set(bool level, long timestampMicroseconds)
        {
            int previous = Interlocked.Exchange(ref _level, level ? 1 : 0);
            if (previous == (level ? 1 : 0))
            {
                return;
            }
            Volatile.Read(ref _listener)?.OnPinEdge(level, timestampMicroseconds);
        }

        private static long HostMicroseconds()
        {
            return System.Diagnostics.Stopwatch.GetTimestamp() * 1_000_000 / System.Diagnostics.Stopwatch.Frequency;
        }
    }
}

using System;
using System.Threading;
using DoorController.Hal;

namespace DoorController.Hal.Host.Sim
{
    /// <summary>
    /// A simulated output pin: remembers its level and every level change since it was opened, counts writes, and
    /// can be told to fail (relay fault drills).
    /// </summary>
    public sealed class SimOutputPin : IDigitalOutput
    {
        private readonly object _historyGate = new object();
        private readonly System.Collections.Generic.List<bool> _history = new System.Collections.Generic.List<bool>();
        private int _level;
        private int _writes;

        public SimOutputPin(string name, bool initialLevel)
        {
            Name = name;
            _level = initialLevel ? 1 : 0;
            _history.Add(initialLevel);
        }

        /// <summary>The level it was opened at, then each level it changed to, in order.</summary>
        public bool[] History
        {
            get { lock (_historyGate) return _history.ToArray(); }
        }

        public string Name { get; }

        public bool Level => Volatile.Read(ref _level) != 0;

        public int Writes => Volatile.Read(ref _writes);

        /// <summary>While true, every write throws like a broken driver.</summary>
        public bool FailWrites { get; set; }

        /// <summary>Raised after each level change (the virtual controller's UI and logs listen).</summary>
        public event Action<SimOutputPin> Changed;

        public void Write(bool high)
        {
            if (FailWrites)
            {
                throw new InvalidOperationException("simulated driver failure on " + Name);
            }
            Interlocked.Increment(ref _writes);
            int previous = Interlocked.Exchange(ref _level, high ? 1 : 0);
            if (previous != (high ? 1 : 0))
            {
                lock (_historyGate) _history.Add(high);
                Changed?.Invoke(this);
            }
        }
    }
}

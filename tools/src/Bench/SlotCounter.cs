using System.Threading;

namespace DoorController.Bench
{
    /// <summary>In-flight slots of one client. A kernel semaphore, not SemaphoreSlim: waiters spinning (sched_yield) for
    /// answers take CPU from the server being measured (twenty such sender threads once took a fifth of both cores).</summary>
    public sealed class SlotCounter
    {
        private readonly Semaphore _free;
        private int _count;
        public SlotCounter(int initial) { _free = new Semaphore(initial, int.MaxValue); _count = initial; }
        public int CurrentCount => Volatile.Read(ref _count);
        public bool Wait(int milliseconds)
        {
            if (!_free.WaitOne(milliseconds)) return false;
            Interlocked.Decrement(ref _count);
            return true;
        }
        public void Release() { Interlocked.Increment(ref _count); _free.Release(); }
    }
}

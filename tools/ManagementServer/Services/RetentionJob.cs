using System;
using System.Threading;

namespace DoorController.Server.Services
{
    /// <summary>Runs the retention purge soon after start and then every <see cref="Interval"/>, on the leader only
    /// when several instances share the database (a new leader purges within a minute of taking over).</summary>
    public sealed class RetentionJob : IDisposable
    {
        public static readonly TimeSpan Interval = TimeSpan.FromHours(1);
        private static readonly TimeSpan Tick = TimeSpan.FromMinutes(1);
        private readonly Timer _timer;
        private DateTime _due = DateTime.MinValue;

        public RetentionJob(Privacy privacy, Func<bool> isLeader = null)
        {
            _timer = new Timer(_ =>
            {
                if (isLeader != null && !isLeader())
                {
                    _due = DateTime.MinValue;
                    return;
                }
                if (DateTime.UtcNow < _due) return;
                _due = DateTime.UtcNow + Interval;
                try { LastPurged = privacy.Purge(); }
                catch (Exception e) { Console.Error.WriteLine("retention purge failed: " + e.Message); }
            }, null, TimeSpan.FromSeconds(5), Tick);
        }

        public int LastPurged { get; private set; }

        public void Dispose()
        {
            _timer.Dispose();
        }
    }
}

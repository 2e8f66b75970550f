using System;
using System.Threading;

namespace DoorController.Server.Services
{
    /// <summary>Runs the retention purge at start and then every <see cref="Interval"/>.</summary>
    public sealed class RetentionJob : IDisposable
    {
        public static readonly TimeSpan Interval = TimeSpan.FromHours(1);
        private readonly Timer _timer;

        public RetentionJob(Privacy privacy)
        {
            _timer = new Timer(_ =>
            {
                try { LastPurged = privacy.Purge(); }
                catch (Exception e) { Console.Error.WriteLine("retention purge failed: " + e.Message); }
            }, null, TimeSpan.FromSeconds(5), Interval);
        }

        public int LastPurged { get; private set; }

        public void Dispose()
        {
            _timer.Dispose();
        }
    }
}
